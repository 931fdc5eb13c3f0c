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

# The real topology documents in ../shared/fixtures/topologies: third-party data, read in place, never copied.
function Find-SharedFixtures {
    if ($env:CSCERTIFICATE_SHARED_FIXTURES -and (Test-Path $env:CSCERTIFICATE_SHARED_FIXTURES)) { return $env:CSCERTIFICATE_SHARED_FIXTURES }
    $dir = $RepositoryRoot
    while ($dir) {
        $candidate = Join-Path $dir 'shared/fixtures/topologies'
        if (Test-Path $candidate) { return $candidate }
        $parent = Split-Path $dir -Parent
        if ($parent -eq $dir) { break }
        $dir = $parent
    }
    return $null
}
$script:SharedFixtures = Find-SharedFixtures
$script:SharedFixturesMissing = 'The third-party topology fixtures are not here (expected ../shared/fixtures/topologies next to the repository, or $env:CSCERTIFICATE_SHARED_FIXTURES).'

# The DNS names of a CSR's SAN extension, in order, as openssl prints them.
function Get-CsrAlternativeName([string] $Path) {
    $text = Invoke-OpenSsl req -in $Path -noout -text
    if ($text -notmatch 'Subject Alternative Name:\s*\r?\n\s*(.+)') { return @() }
    @($Matches[1].Trim() -split ',\s*' | ForEach-Object { $_ -replace '^DNS:', '' })
}

function Get-CsrSubject([string] $Path) {
    (Invoke-OpenSsl req -in $Path -noout -subject -nameopt RFC2253).Trim() -replace '^subject=', ''
}
