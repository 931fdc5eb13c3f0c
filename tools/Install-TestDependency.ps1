# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

<#
.SYNOPSIS
    Installs what the ACME tests need: pebble, pebble-challtestsrv and OpenSSL 3; on Linux also BIND 9 (named,
    tsig-keygen, nsupdate, dig) for the dns-01 tests.

.DESCRIPTION
    Made for the GitHub runners of .github/workflows/ci.yml, and usable on a developer's machine.
    Linux: the distribution's pebble, openssl, bind9, bind9-utils and bind9-dnsutils packages (apt-get, through sudo
    when not root). BIND is not installed on Windows and macOS, where the dns-01 tests are skipped with that reason.
    Windows and macOS: pebble's release binaries (-PebbleVersion, from github.com/letsencrypt/pebble/releases) into
    -Destination, and OpenSSL 3 from Chocolatey (Windows) or Homebrew (macOS) when the openssl on PATH is missing or
    is not OpenSSL 3 or later (macOS ships LibreSSL; the tests use options of OpenSSL 3).
    The folders it installs into come first on this process's PATH and, when $env:GITHUB_PATH is set, on the PATH of
    the workflow's next steps. Runs in Windows PowerShell 5.1 and PowerShell 7.

.EXAMPLE
    ./tools/Install-TestDependency.ps1
#>
[CmdletBinding()]
param(
    [string] $PebbleVersion = 'v2.9.0',
    [string] $Destination = (Join-Path ([System.IO.Path]::GetTempPath()) 'cscertificate-test-tools')
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Set-StrictMode -Version 3.0

$onWindows = $env:OS -eq 'Windows_NT'
$onMacOS = -not $onWindows -and (& uname) -eq 'Darwin'

function Invoke-Native([string] $FilePath, [string[]] $ArgumentList) {
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) { throw "$FilePath $($ArgumentList -join ' ') failed with exit code $LASTEXITCODE." }
}

function Add-PathFolder([string] $Folder) {
    $env:PATH = $Folder + [System.IO.Path]::PathSeparator + $env:PATH
    if ($env:GITHUB_PATH) { Add-Content -Path $env:GITHUB_PATH -Value $Folder }
    Write-Host "On PATH: $Folder"
}

# The major version of the openssl on PATH; 0 when there is none or it is not OpenSSL (LibreSSL).
function Get-OpenSslMajorVersion {
    $openssl = Get-Command openssl -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $openssl) { return 0 }
    if ("$(& $openssl.Source version)" -match '^OpenSSL (\d+)\.') { return [int]$Matches[1] }
    return 0
}

function Invoke-AptGet([string[]] $ArgumentList) {
    if ((& id -u) -eq '0') { Invoke-Native apt-get $ArgumentList } else { Invoke-Native sudo (@('apt-get') + $ArgumentList) }
}

if (-not $onWindows -and -not $onMacOS) {
    Invoke-AptGet @('update', '-qq')
    Invoke-AptGet @('install', '-y', '-qq', 'pebble', 'openssl', 'bind9', 'bind9-utils', 'bind9-dnsutils')
    return
}

# pebble's releases: <app>-<os>-<arch>.zip, holding <app>-<os>-<arch>/<os>/<arch>/<app>[.exe].
$os = if ($onWindows) { 'windows' } else { 'darwin' }
$machine = if ($onWindows) { $env:PROCESSOR_ARCHITECTURE } else { & uname -m }
$arch = if ($machine -match '^(arm64|aarch64)$') { 'arm64' } else { 'amd64' }
$extension = if ($onWindows) { '.exe' } else { '' }
$bin = Join-Path $Destination 'bin'
New-Item -ItemType Directory -Path $bin -Force | Out-Null
foreach ($app in 'pebble', 'pebble-challtestsrv') {
    $name = "$app-$os-$arch"
    $zip = Join-Path $Destination "$name.zip"
    $uri = "https://github.com/letsencrypt/pebble/releases/download/$PebbleVersion/$name.zip"
    Write-Host "Downloading $uri"
    Invoke-WebRequest -UseBasicParsing -Uri $uri -OutFile $zip
    Expand-Archive -Path $zip -DestinationPath (Join-Path $Destination $name) -Force
    $found = Get-ChildItem -Path (Join-Path $Destination $name) -Recurse -File -Filter "$app$extension" | Select-Object -First 1
    if (-not $found) { throw "$uri holds no $app$extension." }
    Copy-Item -Path $found.FullName -Destination (Join-Path $bin "$app$extension") -Force
    # Expand-Archive keeps no file modes.
    if (-not $onWindows) { Invoke-Native chmod @('+x', (Join-Path $bin $app)) }
}
Add-PathFolder $bin
Invoke-Native (Join-Path $bin "pebble$extension") @('-version')

if ((Get-OpenSslMajorVersion) -lt 3) {
    if ($onWindows) {
        Invoke-Native choco @('install', 'openssl', '--no-progress', '-y')
        $found = Get-ChildItem -Path (Join-Path $env:ProgramFiles 'OpenSSL*\bin\openssl.exe') | Select-Object -First 1
        if (-not $found) { throw "Chocolatey's openssl is not in $env:ProgramFiles\OpenSSL*\bin." }
        Add-PathFolder $found.DirectoryName
    }
    else {
        $prefix = & brew --prefix openssl@3
        if (-not (Test-Path (Join-Path $prefix 'bin/openssl'))) { Invoke-Native brew @('install', 'openssl@3') }
        Add-PathFolder (Join-Path $prefix 'bin')
    }
}
Write-Host "openssl: $(& openssl version)"
