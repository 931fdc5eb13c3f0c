# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# Shared by the Pester tests: where the built module and the example documents are, and a fresh data folder.

$script:RepositoryRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:ModuleManifest = if ($env:CSCERTIFICATE_TEST_MODULE) { $env:CSCERTIFICATE_TEST_MODULE } else { Join-Path $RepositoryRoot 'out/CsCertificate/CsCertificate.psd1' }
$script:Examples = Join-Path $RepositoryRoot 'docs/examples'
$script:LitwareTopology = @((Join-Path $Examples 'litwareinc-topology.xml'), (Join-Path $Examples 'litwareinc-simpleurls.xml'))
$script:LitwarePool = Join-Path $Examples 'litwareinc-pool1.tbxml'
$script:FullyQualifiedSuffix = ',CsCertificate.Commands.RequestCsCertificateCommand'

# Gives each test its own data folder under TestDrive and returns it.
function New-TestHome {
    $path = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $path | Out-Null
    $env:CSCERTIFICATE_HOME = $path
    return $path
}

# Every file below a folder, for "nothing was written" assertions.
function Get-WrittenFile([string] $Path) {
    if (-not (Test-Path $Path)) { return @() }
    @(Get-ChildItem -Path $Path -Recurse -File -Force | ForEach-Object FullName)
}

# A simple function (not advanced), so that openssl options such as -in reach openssl untouched.
function Invoke-OpenSsl {
    $text = & openssl @args 2>&1 | Out-String
    if ($LASTEXITCODE -ne 0) { throw "openssl $($args -join ' ') failed: $text" }
    return $text
}
