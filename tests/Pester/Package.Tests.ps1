# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# The package that build.ps1 -Task Package writes (and -Task Test writes before it runs these tests): its content,
# its nuspec, and installing it from a temporary local folder repository with Install-PSResource and Install-Module.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem

    $script:Manifest = Import-PowerShellDataFile -Path $ModuleManifest
    $prerelease = $Manifest.PrivateData.PSData['Prerelease']
    $script:PackageVersion = if ($prerelease) { "$($Manifest.ModuleVersion)-$prerelease" } else { $Manifest.ModuleVersion }
    $script:PackagePath = if ($env:CSCERTIFICATE_TEST_PACKAGE) { $env:CSCERTIFICATE_TEST_PACKAGE }
    else { Join-Path (Split-Path (Split-Path $ModuleManifest)) "CsCertificate.$PackageVersion.nupkg" }
    # build.ps1 names the package it wrote; without that, a package left in out/ is tested when there is one.
    $script:PackageMissing = if ($env:CSCERTIFICATE_TEST_PACKAGE -or (Test-Path $PackagePath)) { $null }
    else { "There is no package at ${PackagePath}: build.ps1 -Task Package (or -Task Test under PowerShell 7) writes it." }

    function Get-PackageEntry([string] $Path) {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Path)
        try { @($zip.Entries | ForEach-Object { $_.FullName -replace '\\', '/' }) } finally { $zip.Dispose() }
    }

    function Read-PackageText([string] $Path, [string] $Entry) {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Path)
        try {
            $reader = [System.IO.StreamReader]::new($zip.GetEntry($Entry).Open())
            try { $reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally { $zip.Dispose() }
    }

    # Why an installer test cannot run here, or $null.
    function Get-InstallSkipReason([string] $Installer) {
        if ($PackageMissing) { return $PackageMissing }
        if ($PSVersionTable.PSEdition -ne 'Core') {
            return "the installers are tested under PowerShell 7, which ships PSResourceGet and PowerShellGet 2.2.5; Windows PowerShell's PowerShellGet 1.0 fetches the NuGet provider from the internet"
        }
        $command = if ($Installer -eq 'PSResourceGet') { 'Install-PSResource' } else { 'Install-Module' }
        if (-not (Get-Command $command -ErrorAction SilentlyContinue)) { return "$command is not in this PowerShell" }
        if ($IsWindows -and $env:CI -ne 'true') {
            return 'on Windows a CurrentUser install goes to the Documents folder, which cannot be redirected to a temporary one; it runs in CI (CI=true), where the machine is thrown away'
        }
        return $null
    }
}

Describe 'The package' {
    It 'is named after the manifest version and holds the module layout, nothing else' {
        if ($PackageMissing) { Set-ItResult -Skipped -Because $PackageMissing; return }
        Split-Path $PackagePath -Leaf | Should -Be "CsCertificate.$PackageVersion.nupkg"
        $entries = Get-PackageEntry $PackagePath | Where-Object { $_ -notmatch '^(\[Content_Types\]\.xml|_rels/\.rels|package/services/metadata/core-properties/[0-9a-f]+\.psmdcp)$' }
        $expected = @('CsCertificate.dll', 'CsCertificate.Format.ps1xml', 'CsCertificate.Prerequisites.psm1', 'CsCertificate.nuspec', 'CsCertificate.psd1', 'LICENSE',
            'Dependencies/BouncyCastle.Cryptography.dll', 'Dependencies/CsCertificate.Core.dll', 'Dependencies/ko-KR/CsCertificate.Core.resources.dll',
            'en-US/about_CsCertificate.help.txt', 'en-US/CsCertificate.dll-Help.xml',
            'ko-KR/about_CsCertificate.help.txt', 'ko-KR/CsCertificate.dll-Help.xml')
        $entries | Sort-Object | Should -Be ($expected | Sort-Object)
        Read-PackageText $PackagePath 'CsCertificate.psd1' | Should -BeExactly (Get-Content -Raw -Encoding UTF8 -Path $ModuleManifest) -Because 'the package holds the manifest with the release notes'
    }

    It 'describes the module in its nuspec: id, version, tags, addresses and release notes' {
        if ($PackageMissing) { Set-ItResult -Skipped -Because $PackageMissing; return }
        [xml] $nuspec = Read-PackageText $PackagePath 'CsCertificate.nuspec'
        $metadata = $nuspec.package.metadata
        $metadata.id | Should -Be 'CsCertificate'
        $metadata.version | Should -Be $PackageVersion
        $metadata.description | Should -Be $Manifest.Description
        $metadata.projectUrl | Should -Be $Manifest.PrivateData.PSData.ProjectUri
        $metadata.licenseUrl | Should -Be $Manifest.PrivateData.PSData.LicenseUri
        $tags = $metadata.tags -split ' '
        foreach ($tag in 'PSModule', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS') {
            $tags | Should -Contain $tag
        }
        ($metadata.releaseNotes -replace '\r\n', "`n") | Should -BeExactly ($Manifest.PrivateData.PSData.ReleaseNotes -replace '\r\n', "`n")
        $metadata.releaseNotes | Should -Match '### New Features'
    }

    It 'installs with <Installer> from a temporary local folder repository into a temporary module path, and imports with its four cmdlets' -ForEach @(
        @{ Installer = 'PSResourceGet' }
        @{ Installer = 'PowerShellGet' }
    ) {
        $reason = Get-InstallSkipReason $Installer
        if ($reason) { Set-ItResult -Skipped -Because $reason; return }

        $work = Join-Path $TestDrive "install-$Installer"
        $childHome = Join-Path $work 'home'
        $childTemp = Join-Path $work 'tmp'
        New-Item -ItemType Directory -Path $childHome, $childTemp -Force | Out-Null
        $resultPath = Join-Path $work 'result.json'
        $repositoryName = "CsCertificateTest$([guid]::NewGuid().ToString('N').Substring(0, 12))"
        $variables = @{
            HOME = $childHome; TMPDIR = $childTemp; XDG_DATA_HOME = $null; XDG_CONFIG_HOME = $null; XDG_CACHE_HOME = $null
            CSCERTIFICATE_TOPOLOGY = $LitwareTopology -join [IO.Path]::PathSeparator
        }
        if ($IsWindows) { $variables.Remove('HOME'); $variables.Remove('TMPDIR') }
        $result = $null
        try {
            Invoke-ChildPowerShell -FilePath (Join-Path $PSScriptRoot 'PackageInstaller.ps1') -Environment $variables -ArgumentList '-Installer', $Installer,
                '-PackagePath', $PackagePath, '-RepositoryName', $repositoryName, '-WorkFolder', $work, '-ResultPath', $resultPath | Out-Null
            if (-not (Test-Path $resultPath)) { throw "The installing PowerShell wrote no result to $resultPath." }
            $result = Get-Content -Raw -Path $resultPath | ConvertFrom-Json

            $result.Error | Should -BeNullOrEmpty
            $result.RepositoryLeft | Should -BeFalse -Because 'the temporary repository is unregistered'
            if (-not $IsWindows) {
                $result.ModuleBase | Should -BeLike "$childHome*" -Because 'CurrentUser is below the temporary HOME'
            }
            $result.Version | Should -Be $Manifest.ModuleVersion
            $result.Prerelease | Should -Be $Manifest.PrivateData.PSData['Prerelease']
            $result.Commands | Should -Be @('Export-CsCertificate', 'Import-CsCertificate', 'Request-CsCertificate', 'Update-CsCertificate')
            $result.RequestStatus | Should -Be 'Offline'
            $result.Subject | Should -Be 'CN=atl-cs-001.litwareinc.com'
            $result.BouncyCastle | Should -BeLike "$($result.ModuleBase)*Dependencies*"
        }
        finally {
            # On Windows the registration and the install are the user's own: take both away if the child left them.
            if ($IsWindows) {
                if ($Installer -eq 'PSResourceGet' -and (Get-PSResourceRepository -Name $repositoryName -ErrorAction SilentlyContinue)) {
                    Unregister-PSResourceRepository -Name $repositoryName
                }
                if ($Installer -eq 'PowerShellGet' -and (Get-PSRepository -Name $repositoryName -ErrorAction SilentlyContinue)) {
                    Unregister-PSRepository -Name $repositoryName
                }
                if ($result -and $result.ModuleBase -and (Split-Path (Split-Path $result.ModuleBase) -Leaf) -eq 'CsCertificate') {
                    Remove-Item -Path (Split-Path $result.ModuleBase) -Recurse -Force
                }
            }
        }
    }
}
