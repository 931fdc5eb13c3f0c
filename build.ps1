# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

<#
.SYNOPSIS
    Builds, tests and demonstrates the CsCertificate module.

.DESCRIPTION
    Build lays out the module in out/CsCertificate (manifest, CsCertificate.dll, Dependencies/, format file) and
    checks every expected file; the manifest copied there carries this version's section of CHANGELOG.md as its
    ReleaseNotes. Package builds, then packs out/CsCertificate into out/CsCertificate.<version>.nupkg with
    PSResourceGet's Compress-PSResource (no repository, no network). Test builds and packs, runs xunit, then
    Pester in a child PowerShell against out/, and prints "N passed, N failed"; with -PesterOnly it runs only
    Pester, in a child of the PowerShell that runs this script (Windows PowerShell 5.1 too), against a module
    built before. Demo runs the original cmdlet's Example 4 as an offline request against the example topology in
    docs/examples. Clean removes out/ and the build folders.

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Demo

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Package

.EXAMPLE
    powershell -NoProfile -File ./build.ps1 -Task Test -PesterOnly
#>
#Requires -Version 5.1
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # With -Task Test: no build and no xunit; Pester only, in this PowerShell's edition, against out/CsCertificate.
    [switch] $PesterOnly
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'CsCertificate'
$testResults = Join-Path $out 'TestResults'
$pesterVersion = '6.2.0'

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE."
    }
}

function Get-ModuleVersion {
    (Import-PowerShellDataFile -Path (Join-Path $root 'CsCertificate.psd1')).ModuleVersion
}

# The version as the package and CHANGELOG.md spell it: ModuleVersion, then -Prerelease when PSData has one.
function Get-PackageVersion {
    $data = Import-PowerShellDataFile -Path (Join-Path $root 'CsCertificate.psd1')
    $prerelease = $data.PrivateData.PSData['Prerelease']
    if ($prerelease) { return "$($data.ModuleVersion)-$prerelease" }
    return $data.ModuleVersion
}

# One version's section of CHANGELOG.md: its heading without the hashes, then its lines up to the next version.
function Get-ReleaseNotes([string] $Version) {
    $lines = @(Get-Content -Path (Join-Path $root 'CHANGELOG.md') -Encoding UTF8)
    $section = $null
    foreach ($line in $lines) {
        if ($line -match '^## (\S+)') {
            if ($null -ne $section) { break }
            if ($Matches[1] -eq $Version) { $section = [System.Collections.Generic.List[string]]::new(); $section.Add($line.Substring(3)) }
            continue
        }
        if ($null -ne $section) { $section.Add($line.TrimEnd()) }
    }
    if ($null -eq $section) { throw "CHANGELOG.md has no section '## $Version - <date>'; add one before building $Version." }
    return ($section -join "`n").Trim()
}

# Puts the release notes into the manifest copy in out/ (never the root one), as a single-quoted string, and checks
# that PowerShell reads back exactly those notes. UTF-8 with a BOM, so that Windows PowerShell reads it too.
function Set-ManifestReleaseNotes([string] $Path, [string] $Notes) {
    $text = [System.IO.File]::ReadAllText($Path)
    $found = [regex]::Matches($text, "(?m)^(?<lead>[ \t]*ReleaseNotes[ \t]*=[ \t]*)'[^']*'")
    if ($found.Count -ne 1) { throw "$Path must have exactly one single-quoted ReleaseNotes line; it has $($found.Count)." }
    $match = $found[0]
    $value = "'" + ($Notes -replace "'", "''") + "'"
    $text = $text.Substring(0, $match.Index) + $match.Groups['lead'].Value + $value + $text.Substring($match.Index + $match.Length)
    [System.IO.File]::WriteAllText($Path, $text, [System.Text.UTF8Encoding]::new($true))
    if ((Import-PowerShellDataFile -Path $Path).PrivateData.PSData.ReleaseNotes -cne $Notes) {
        throw "The release notes written to $Path do not read back as they were written."
    }
}

# The PowerShell that runs this script, to start a clean child of the same edition and version.
function Get-PowerShellCommand {
    $process = (Get-Process -Id $PID).Path
    if ([System.IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        # Started as a .NET tool (dotnet pwsh): the host is dotnet, PowerShell is pwsh.dll.
        return @($process, (Join-Path $PSHOME 'pwsh.dll'))
    }
    return @($process)
}

function Invoke-Build {
    $version = Get-ModuleVersion
    $packageVersion = Get-PackageVersion
    $releaseNotes = Get-ReleaseNotes $packageVersion
    $publish = Join-Path $out 'publish'
    Write-Host "Building CsCertificate $packageVersion ($Configuration)"
    Invoke-Dotnet publish (Join-Path $root 'src/CsCertificate/CsCertificate.csproj') -c $Configuration -o $publish `
        "-p:Version=$packageVersion" "-p:AssemblyVersion=$version.0" "-p:FileVersion=$version.0" --nologo -v quiet

    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    $dependencies = Join-Path $moduleOut 'Dependencies'
    New-Item -ItemType Directory -Path $dependencies -Force | Out-Null
    Copy-Item (Join-Path $root 'CsCertificate.psd1'), (Join-Path $root 'LICENSE') -Destination $moduleOut
    Copy-Item (Join-Path $publish 'CsCertificate.dll'), (Join-Path $publish 'CsCertificate.Format.ps1xml') -Destination $moduleOut
    Copy-Item (Join-Path $publish 'BouncyCastle.Cryptography.dll') -Destination $dependencies
    Set-ManifestReleaseNotes -Path (Join-Path $moduleOut 'CsCertificate.psd1') -Notes $releaseNotes

    $expected = 'CsCertificate.psd1', 'CsCertificate.dll', 'CsCertificate.Format.ps1xml', 'LICENSE', 'Dependencies/BouncyCastle.Cryptography.dll'
    foreach ($file in $expected) {
        if (-not (Test-Path (Join-Path $moduleOut $file))) {
            throw "The module layout is missing $file."
        }
    }

    $fileVersion = [System.Diagnostics.FileVersionInfo]::GetVersionInfo((Join-Path $moduleOut 'CsCertificate.dll')).FileVersion
    if ($fileVersion -ne "$version.0") {
        throw "CsCertificate.dll has FileVersion $fileVersion, but the manifest says $version."
    }
    Write-Host "Module laid out in $moduleOut"
}

# The package: out/CsCertificate packed by PSResourceGet's Compress-PSResource (PowerShell 7.4 and later ship it),
# so its .nuspec is the one Publish-PSResource would send to a gallery. No repository is registered, no network used.
function Get-PackagePath {
    Join-Path $out "CsCertificate.$(Get-PackageVersion).nupkg"
}

function Invoke-Package {
    Invoke-Build
    $package = Get-PackagePath
    $compress = Get-Command -Name Compress-PSResource -Module Microsoft.PowerShell.PSResourceGet -ErrorAction SilentlyContinue
    if (-not $compress) {
        throw 'Packaging needs Compress-PSResource from Microsoft.PowerShell.PSResourceGet 1.1 or later, which PowerShell 7.4 and later ship: run "dotnet pwsh ./build.ps1 -Task Package".'
    }
    Get-ChildItem -Path $out -Filter 'CsCertificate.*.nupkg' | Remove-Item -Force
    & $compress -Path $moduleOut -DestinationPath $out | Out-Null
    if (-not (Test-Path $package)) { throw "Compress-PSResource did not write $package." }

    Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
    $zip = [System.IO.Compression.ZipFile]::OpenRead($package)
    try { $entries = @($zip.Entries | ForEach-Object { $_.FullName -replace '\\', '/' }) } finally { $zip.Dispose() }
    $expected = 'CsCertificate.nuspec', 'CsCertificate.psd1', 'CsCertificate.dll', 'CsCertificate.Format.ps1xml', 'LICENSE', 'Dependencies/BouncyCastle.Cryptography.dll'
    foreach ($file in $expected) {
        if ($entries -notcontains $file) { throw "The package $package is missing $file." }
    }
    Write-Host "Package written to $package"
}

# Pester comes from the NuGet feed through a PackageDownload restore: no gallery, no Install-Module.
function Get-PesterModulePath {
    $packages = Join-Path $out 'packages'
    Invoke-Dotnet restore (Join-Path $root 'tests/Pester/Restore/PesterPackages.csproj') --packages $packages --nologo -v quiet
    $manifest = Join-Path $packages "pester/$pesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) { throw "Pester $pesterVersion was not restored to $manifest." }
    return $manifest
}

function Get-XunitTotals([string] $trx) {
    [xml] $doc = Get-Content -Raw -Path $trx
    $counters = $doc.TestRun.ResultSummary.Counters
    $failedNames = @($doc.TestRun.Results.UnitTestResult | Where-Object { $_.outcome -ne 'Passed' -and $_.outcome -ne 'NotExecuted' } | ForEach-Object testName)
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout; FailedNames = $failedNames }
}

# Runs Pester in a clean child of this PowerShell (same edition and version) against out/CsCertificate, and returns
# its totals. The package tests use $Package when it is given.
function Invoke-PesterTests([string] $ResultPath, [string] $Package) {
    $pester = Get-PesterModulePath
    $powershell = @(Get-PowerShellCommand)
    $exe = $powershell[0]
    $prefix = @($powershell | Select-Object -Skip 1)
    $arguments = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'tests/Pester/Invoke-Tests.ps1'),
        '-PesterManifest', $pester, '-ModuleManifest', (Join-Path $moduleOut 'CsCertificate.psd1'), '-ResultPath', $ResultPath)
    if ($Package) { $arguments += @('-PackagePath', $Package) }
    & $exe @prefix @arguments | Out-Host
    $exitCode = $LASTEXITCODE
    $totals = if (Test-Path $ResultPath) { Get-Content -Raw $ResultPath | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1; FailedNames = @('Pester did not run') } }
    if ($totals.Failed -eq 0 -and $exitCode -ne 0) { $totals.Failed = 1 }
    return $totals
}

function Invoke-Test {
    if ($PesterOnly) {
        Invoke-PesterOnly
        return
    }
    # The package tests install what -Task Package writes; where PSResourceGet is missing they skip, saying why.
    $package = $null
    if (Get-Command -Name Compress-PSResource -ErrorAction SilentlyContinue) {
        Invoke-Package
        $package = Get-PackagePath
    }
    else {
        Write-Warning 'Compress-PSResource (PSResourceGet) is not in this PowerShell: building without the package.'
        Invoke-Build
    }
    if (Test-Path $testResults) { Remove-Item $testResults -Recurse -Force }
    New-Item -ItemType Directory -Path $testResults -Force | Out-Null

    Write-Host 'Running xunit'
    & dotnet test (Join-Path $root 'tests/CsCertificate.Tests/CsCertificate.Tests.csproj') -c $Configuration --nologo `
        --logger 'trx;LogFileName=xunit.trx' --logger 'console;verbosity=minimal' --results-directory $testResults
    $xunitExit = $LASTEXITCODE
    $trx = Join-Path $testResults 'xunit.trx'
    $xunit = if (Test-Path $trx) { Get-XunitTotals $trx } else { [pscustomobject]@{ Passed = 0; Failed = 1; FailedNames = @('xunit did not run') } }

    # A test tool: the TLS proxy that injects CA faults in front of pebble (tests/Pester/Reliability.Tests.ps1).
    Invoke-Dotnet build (Join-Path $root 'tests/FaultProxy/FaultProxy.csproj') -c Release -o (Join-Path $out 'tools/FaultProxy') --nologo -v quiet

    Write-Host 'Running Pester against out/CsCertificate'
    $pesterTotals = Invoke-PesterTests -ResultPath (Join-Path $testResults 'pester.json') -Package $package

    $passed = $xunit.Passed + $pesterTotals.Passed
    $failed = $xunit.Failed + $pesterTotals.Failed
    if ($failed -eq 0 -and $xunitExit -ne 0) { $failed = 1 }
    foreach ($name in @($xunit.FailedNames) + @($pesterTotals.FailedNames)) {
        if ($name) { Write-Host "Failed: $name" }
    }
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed; Pester: $($pesterTotals.Passed) passed, $($pesterTotals.Failed) failed"
    Write-Output "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

# Pester alone, against the module (and package, when there is one) that an earlier Build, Package or Test wrote:
# how CI runs the tests under Windows PowerShell 5.1 after building with the .NET SDK.
function Invoke-PesterOnly {
    $manifest = Join-Path $moduleOut 'CsCertificate.psd1'
    if (-not (Test-Path $manifest)) { throw "There is no built module at ${manifest}; run build.ps1 -Task Build (or Package) first." }
    $package = Get-PackagePath
    if (-not (Test-Path $package)) { $package = $null }
    New-Item -ItemType Directory -Path $testResults -Force | Out-Null

    Write-Host "Running Pester in PowerShell $($PSVersionTable.PSVersion) ($($PSVersionTable.PSEdition)) against out/CsCertificate"
    $pesterTotals = Invoke-PesterTests -ResultPath (Join-Path $testResults "pester-$($PSVersionTable.PSEdition).json") -Package $package
    foreach ($name in @($pesterTotals.FailedNames)) {
        if ($name) { Write-Host "Failed: $name" }
    }
    Write-Output "$($pesterTotals.Passed) passed, $($pesterTotals.Failed) failed"
    if ($pesterTotals.Failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    $demo = Join-Path $out 'demo'
    if (Test-Path $demo) { Remove-Item $demo -Recurse -Force }
    New-Item -ItemType Directory -Path $demo -Force | Out-Null
    $powershell = @(Get-PowerShellCommand)
    $exe = $powershell[0]
    $prefix = @($powershell | Select-Object -Skip 1)
    & $exe @prefix -NoProfile -NonInteractive -File (Join-Path $root 'docs/examples/Demo.ps1') -ModuleManifest (Join-Path $moduleOut 'CsCertificate.psd1') -WorkFolder $demo
    if ($LASTEXITCODE -ne 0) { throw "The demo failed with exit code $LASTEXITCODE." }
}

function Invoke-Clean {
    foreach ($path in $out, (Join-Path $root 'src/CsCertificate/bin'), (Join-Path $root 'src/CsCertificate/obj'),
        (Join-Path $root 'tests/CsCertificate.Tests/bin'), (Join-Path $root 'tests/CsCertificate.Tests/obj'),
        (Join-Path $root 'tests/Pester/Restore/obj'), (Join-Path $root 'tests/FaultProxy/bin'), (Join-Path $root 'tests/FaultProxy/obj')) {
        if (Test-Path $path) { Remove-Item $path -Recurse -Force }
    }
    Write-Host 'Cleaned.'
}

if ($PesterOnly -and $Task -ne 'Test') { throw '-PesterOnly goes with -Task Test.' }

Push-Location $root
try {
    switch ($Task) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Package' { Invoke-Package }
        'Demo' { Invoke-Demo }
        'Clean' { Invoke-Clean }
    }
}
finally {
    Pop-Location
}
