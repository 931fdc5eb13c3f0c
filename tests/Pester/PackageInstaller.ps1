# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# Run by Package.Tests.ps1 in a fresh PowerShell (on Linux and macOS with HOME in a temporary folder, so that the
# repository registration and the CurrentUser module path are temporary too): registers a local folder repository
# holding the package, installs CsCertificate from it with one installer, unregisters the repository whatever
# happened, then imports the installed copy, makes an offline request with it and writes what it saw to ResultPath.
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [ValidateSet('PSResourceGet', 'PowerShellGet')] [string] $Installer,
    [Parameter(Mandatory)] [string] $PackagePath,
    [Parameter(Mandatory)] [string] $RepositoryName,
    [Parameter(Mandatory)] [string] $WorkFolder,
    [Parameter(Mandatory)] [string] $ResultPath
)

$ErrorActionPreference = 'Stop'
$result = [ordered]@{
    Installer = $Installer; Error = $null; RepositoryLeft = $null; Version = $null; Prerelease = $null
    InstalledLocation = $null; ModuleBase = $null; Commands = @(); RequestStatus = $null; Subject = $null; BouncyCastle = $null
}

function Test-Registered {
    if ($Installer -eq 'PSResourceGet') { return [bool](Get-PSResourceRepository -Name $RepositoryName -ErrorAction SilentlyContinue) }
    return [bool](Get-PSRepository -Name $RepositoryName -ErrorAction SilentlyContinue)
}

try {
    $repository = Join-Path $WorkFolder 'repository'
    New-Item -ItemType Directory -Path $repository -Force | Out-Null
    Copy-Item -Path $PackagePath -Destination $repository
    try {
        if ($Installer -eq 'PSResourceGet') {
            Register-PSResourceRepository -Name $RepositoryName -Uri $repository -Trusted
            Install-PSResource -Name CsCertificate -Repository $RepositoryName -Prerelease -Scope CurrentUser -TrustRepository -Quiet
            $installed = Get-InstalledPSResource -Name CsCertificate -Scope CurrentUser
            $result.InstalledLocation = Join-Path $installed.InstalledLocation "CsCertificate/$($installed.Version)"
        }
        else {
            Register-PSRepository -Name $RepositoryName -SourceLocation $repository -InstallationPolicy Trusted
            Install-Module -Name CsCertificate -Repository $RepositoryName -AllowPrerelease -Scope CurrentUser -Force
            $installed = Get-InstalledModule -Name CsCertificate -AllowPrerelease
            $result.InstalledLocation = $installed.InstalledLocation
        }
    }
    finally {
        if (Test-Registered) {
            if ($Installer -eq 'PSResourceGet') { Unregister-PSResourceRepository -Name $RepositoryName }
            else { Unregister-PSRepository -Name $RepositoryName }
        }
        $result.RepositoryLeft = Test-Registered
    }

    $module = Import-Module (Join-Path $result.InstalledLocation 'CsCertificate.psd1') -PassThru
    $result.ModuleBase = $module.ModuleBase
    $result.Version = "$($module.Version)"
    $result.Prerelease = $module.PrivateData.PSData.Prerelease
    $result.Commands = @($module.ExportedCommands.Keys | Sort-Object)

    # A request made with the installed copy: its dependencies load from where the installer put them.
    $env:CSCERTIFICATE_HOME = Join-Path $WorkFolder 'data'
    $request = Request-CsCertificate -New -Type WebServicesExternal -ComputerFqdn atl-cs-001.litwareinc.com -Output (Join-Path $WorkFolder 'r.csr')
    $result.RequestStatus = "$($request.RequestStatus)"
    $result.Subject = $request.Subject
    $result.BouncyCastle = ([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'BouncyCastle.Cryptography' } | Select-Object -First 1).Location
}
catch {
    $result.Error = "$($_.FullyQualifiedErrorId): $($_.Exception.Message)"
}
finally {
    [pscustomobject]$result | ConvertTo-Json -Depth 3 | Set-Content -Path $ResultPath -Encoding UTF8
}
