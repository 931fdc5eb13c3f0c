# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

<#
.SYNOPSIS
    Builds, tests, demonstrates and benchmarks the CsCertificate module.

.DESCRIPTION
    Build lays out the module in out/CsCertificate (manifest, CsCertificate.dll, Dependencies/, format file) and
    checks every expected file. Test runs xunit, then Pester in a child PowerShell against out/, and prints
    "N passed, N failed". Demo runs the original cmdlet's Example 4 as an offline request against the example
    topology in docs/examples. Bench builds in Release and runs the benchmark (bench/Invoke-Benchmark.ps1:
    requests against openssl, start-up, store and topology scale, memory) in fresh child processes, then writes
    and prints the Markdown table: bench/results.md, or out/bench/results-quick.md with -Quick (tiny counts, a
    check that it runs; CI uses it). A missed target never fails the task. Clean removes out/ and the build folders.

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Demo

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Bench
#>
#Requires -Version 5.1
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # With -Task Bench: tiny counts, results in out/bench/results-quick.md instead of bench/results.md.
    [switch] $Quick
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
    $publish = Join-Path $out 'publish'
    Write-Host "Building CsCertificate $version ($Configuration)"
    Invoke-Dotnet publish (Join-Path $root 'src/CsCertificate/CsCertificate.csproj') -c $Configuration -o $publish `
        "-p:Version=$version" "-p:AssemblyVersion=$version.0" "-p:FileVersion=$version.0" --nologo -v quiet

    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    $dependencies = Join-Path $moduleOut 'Dependencies'
    New-Item -ItemType Directory -Path $dependencies -Force | Out-Null
    Copy-Item (Join-Path $root 'CsCertificate.psd1'), (Join-Path $root 'LICENSE') -Destination $moduleOut
    Copy-Item (Join-Path $publish 'CsCertificate.dll'), (Join-Path $publish 'CsCertificate.Format.ps1xml') -Destination $moduleOut
    Copy-Item (Join-Path $publish 'BouncyCastle.Cryptography.dll') -Destination $dependencies

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

function Invoke-Test {
    Invoke-Build
    if (Test-Path $testResults) { Remove-Item $testResults -Recurse -Force }
    New-Item -ItemType Directory -Path $testResults -Force | Out-Null

    Write-Host 'Running xunit'
    & dotnet test (Join-Path $root 'tests/CsCertificate.Tests/CsCertificate.Tests.csproj') -c $Configuration --nologo `
        --logger 'trx;LogFileName=xunit.trx' --logger 'console;verbosity=minimal' --results-directory $testResults
    $xunitExit = $LASTEXITCODE
    $trx = Join-Path $testResults 'xunit.trx'
    $xunit = if (Test-Path $trx) { Get-XunitTotals $trx } else { [pscustomobject]@{ Passed = 0; Failed = 1; FailedNames = @('xunit did not run') } }

    Write-Host 'Running Pester against out/CsCertificate'
    $pester = Get-PesterModulePath
    $pesterResult = Join-Path $testResults 'pester.json'
    $powershell = @(Get-PowerShellCommand)
    $exe = $powershell[0]
    $prefix = @($powershell | Select-Object -Skip 1)
    & $exe @prefix -NoProfile -NonInteractive -File (Join-Path $root 'tests/Pester/Invoke-Tests.ps1') `
        -PesterManifest $pester -ModuleManifest (Join-Path $moduleOut 'CsCertificate.psd1') -ResultPath $pesterResult
    $pesterExit = $LASTEXITCODE
    $pesterTotals = if (Test-Path $pesterResult) { Get-Content -Raw $pesterResult | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1; FailedNames = @('Pester did not run') } }

    $passed = $xunit.Passed + $pesterTotals.Passed
    $failed = $xunit.Failed + $pesterTotals.Failed
    if ($failed -eq 0 -and ($xunitExit -ne 0 -or $pesterExit -ne 0)) { $failed = 1 }
    foreach ($name in @($xunit.FailedNames) + @($pesterTotals.FailedNames)) {
        if ($name) { Write-Host "Failed: $name" }
    }
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed; Pester: $($pesterTotals.Passed) passed, $($pesterTotals.Failed) failed"
    Write-Output "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
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

function Invoke-Bench {
    # Measurements are of the Release build, whatever -Configuration says.
    $script:Configuration = 'Release'
    Invoke-Build
    $bench = Join-Path $out 'bench'
    if ($Quick) {
        $results = Join-Path $bench 'results-quick.md'
        $raw = Join-Path $bench 'raw-quick'
    }
    else {
        $results = Join-Path $root 'bench/results.md'
        $raw = Join-Path $root ('bench/raw/' + [DateTime]::UtcNow.ToString('yyyyMMdd-HHmmss', [Globalization.CultureInfo]::InvariantCulture))
    }

    $powershell = @(Get-PowerShellCommand)
    $exe = $powershell[0]
    $prefix = @($powershell | Select-Object -Skip 1)
    $arguments = @('-ModuleManifest', (Join-Path $moduleOut 'CsCertificate.psd1'), '-OutFile', $results, '-RawFolder', $raw, '-WorkFolder', (Join-Path $bench 'work'))
    if ($Quick) { $arguments += '-Quick' }
    & $exe @prefix -NoProfile -NonInteractive -File (Join-Path $root 'bench/Invoke-Benchmark.ps1') @arguments
    if ($LASTEXITCODE -ne 0) { throw "The benchmark failed with exit code $LASTEXITCODE." }
}

function Invoke-Clean {
    foreach ($path in $out, (Join-Path $root 'src/CsCertificate/bin'), (Join-Path $root 'src/CsCertificate/obj'),
        (Join-Path $root 'tests/CsCertificate.Tests/bin'), (Join-Path $root 'tests/CsCertificate.Tests/obj'),
        (Join-Path $root 'tests/Pester/Restore/obj')) {
        if (Test-Path $path) { Remove-Item $path -Recurse -Force }
    }
    Write-Host 'Cleaned.'
}

Push-Location $root
try {
    switch ($Task) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Demo' { Invoke-Demo }
        'Bench' { Invoke-Bench }
        'Clean' { Invoke-Clean }
    }
}
finally {
    Pop-Location
}
