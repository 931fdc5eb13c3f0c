# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

<#
.SYNOPSIS
    Builds, tests, demonstrates and benchmarks the CsCertificate module.

.DESCRIPTION
    Build lays out the module in out/CsCertificate (manifest, CsCertificate.dll, format file, and in Dependencies/ the
    engine, BouncyCastle and the messages' satellites), generates each culture's help from docs/<culture>/*.md with
    tools/HelpBuilder (<culture>/CsCertificate.dll-Help.xml and <culture>/about_CsCertificate.help.txt) and checks
    every expected file; the manifest copied there carries this version's section of CHANGELOG.md as its
    ReleaseNotes. Package builds, then packs out/CsCertificate into out/CsCertificate.<version>.nupkg with
    PSResourceGet's Compress-PSResource (no repository, no network). Test builds and packs, runs xunit, then Pester
    in a child PowerShell against out/, and prints one line per reason for skipping tests, then
    "N passed, N failed, N skipped"; with -PesterOnly it runs only Pester, in a child of the PowerShell that runs
    this script (Windows PowerShell 5.1 too), against a module built before. Demo runs the original cmdlet's
    Example 4 as an offline request against the example topology in docs/examples. Bench builds in Release and runs
    the benchmark (bench/Invoke-Benchmark.ps1: requests against openssl, start-up, store and topology scale,
    memory, the export of a PFX) in fresh child processes, then writes and prints the Markdown table: bench/results.md, or
    out/bench/results-quick.md with -Quick (tiny counts, a check that it runs; CI uses it). A missed target never
    fails the task. Clean removes out/ and the build folders.

    The steps the tasks share are in tools/: BuildTools.psm1, ChildPowerShell.ps1 and HelpBuilder/.

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Demo

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Package

.EXAMPLE
    powershell -NoProfile -File ./build.ps1 -Task Test -PesterOnly

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Bench
#>
#Requires -Version 5.1
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo', 'Bench', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # With -Task Test: no build and no xunit; Pester only, in this PowerShell's edition, against out/CsCertificate.
    [switch] $PesterOnly,

    # With -Task Bench: tiny counts, results in out/bench/results-quick.md instead of bench/results.md.
    [switch] $Quick
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'CsCertificate'
$moduleManifest = Join-Path $moduleOut 'CsCertificate.psd1'
$testResults = Join-Path $out 'TestResults'
$pesterVersion = '6.2.0'
# The cultures whose help (docs/<culture>/) and messages (Resources/Strings.<culture>.resx) the module must ship.
$helpCultures = @('en-US', 'ko-KR')
$messageCultures = @('ko-KR')
# What out/CsCertificate holds, and so the package (with its .nuspec).
# CsCertificate.dll holds the cmdlets; CsCertificate.Core.dll (the rest, and the messages) and BouncyCastle are loaded
# from Dependencies/ by Commands/ModuleInitializer.cs, into the module's own load context on PowerShell 7.
$moduleFiles = @('CsCertificate.psd1', 'CsCertificate.dll', 'CsCertificate.Format.ps1xml', 'CsCertificate.Prerequisites.psm1', 'LICENSE',
    'Dependencies/CsCertificate.Core.dll', 'Dependencies/BouncyCastle.Cryptography.dll') +
    @($messageCultures | ForEach-Object { "Dependencies/$_/CsCertificate.Core.resources.dll" }) +
    @($helpCultures | ForEach-Object { "$_/CsCertificate.dll-Help.xml"; "$_/about_CsCertificate.help.txt" })

Import-Module (Join-Path $root 'tools/BuildTools.psm1') -Force
Import-Module (Join-Path $root 'tools/HelpBuilder/HelpBuilder.psd1') -Force
. (Join-Path $root 'tools/ChildPowerShell.ps1')

# ModuleVersion, and PackageVersion (with -Prerelease) as the package and CHANGELOG.md spell it.
$version = Get-ManifestVersion (Join-Path $root 'CsCertificate.psd1')
$packagePath = Join-Path $out "CsCertificate.$($version.PackageVersion).nupkg"

# Runs a script in a clean child of this PowerShell (tools/ChildPowerShell.ps1); throws when it fails.
function Invoke-ChildScript([string] $What, [string] $Path, [string[]] $ArgumentList) {
    Invoke-ChildPowerShell -FilePath (Join-Path $root $Path) -ArgumentList $ArgumentList
    if ($LASTEXITCODE -ne 0) { throw "$What failed with exit code $LASTEXITCODE." }
}

function Invoke-BuildTask {
    $publish = Join-Path $out 'publish'
    Write-Host "Building CsCertificate $($version.PackageVersion) ($Configuration)"
    $releaseNotes = Get-ReleaseNotes (Join-Path $root 'CHANGELOG.md') $version.PackageVersion
    Invoke-Dotnet publish (Join-Path $root 'src/CsCertificate/CsCertificate.csproj') -c $Configuration -o $publish `
        "-p:Version=$($version.PackageVersion)" "-p:AssemblyVersion=$($version.Version).0" "-p:FileVersion=$($version.Version).0" --nologo -v quiet

    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    $dependencies = Join-Path $moduleOut 'Dependencies'
    New-Item -ItemType Directory -Path $dependencies -Force | Out-Null
    Copy-Item (Join-Path $root 'CsCertificate.psd1'), (Join-Path $root 'LICENSE') -Destination $moduleOut
    Copy-Item (Join-Path $publish 'CsCertificate.dll'), (Join-Path $publish 'CsCertificate.Format.ps1xml'), (Join-Path $publish 'CsCertificate.Prerequisites.psm1') -Destination $moduleOut
    Copy-Item (Join-Path $publish 'CsCertificate.Core.dll'), (Join-Path $publish 'BouncyCastle.Cryptography.dll') -Destination $dependencies
    Set-ManifestReleaseNotes -Path $moduleManifest -Notes $releaseNotes
    foreach ($culture in $messageCultures) {
        New-Item -ItemType Directory -Path (Join-Path $dependencies $culture) -Force | Out-Null
        Copy-Item (Join-Path $publish "$culture/CsCertificate.Core.resources.dll") -Destination (Join-Path $dependencies $culture)
    }
    $help = Export-ModuleHelp -DocsPath (Join-Path $root 'docs') -ModulePath $moduleOut -ModuleName CsCertificate
    Write-Host "Help generated: $($help -join ', ')"

    Assert-ExpectedFile -Path $moduleOut -Expected $moduleFiles
    $fileVersion = [System.Diagnostics.FileVersionInfo]::GetVersionInfo((Join-Path $moduleOut 'CsCertificate.dll')).FileVersion
    if ($fileVersion -ne "$($version.Version).0") {
        throw "CsCertificate.dll has FileVersion $fileVersion, but the manifest says $($version.Version)."
    }
    Write-Host "Module laid out in $moduleOut"
}

# The package: out/CsCertificate packed by PSResourceGet's Compress-PSResource (PowerShell 7.4 and later ship it),
# so its .nuspec is the one Publish-PSResource would send to a gallery. No repository is registered, no network used.
function Invoke-PackageTask {
    Invoke-BuildTask
    $compress = Get-Command -Name Compress-PSResource -Module Microsoft.PowerShell.PSResourceGet -ErrorAction SilentlyContinue
    if (-not $compress) {
        throw 'Packaging needs Compress-PSResource from Microsoft.PowerShell.PSResourceGet 1.1 or later, which PowerShell 7.4 and later ship: run "dotnet pwsh ./build.ps1 -Task Package".'
    }
    Get-ChildItem -Path $out -Filter 'CsCertificate.*.nupkg' | Remove-Item -Force
    & $compress -Path $moduleOut -DestinationPath $out | Out-Null
    if (-not (Test-Path $packagePath)) { throw "Compress-PSResource did not write $packagePath." }
    Assert-ExpectedFile -Path $packagePath -Expected (@('CsCertificate.nuspec') + $moduleFiles)
    Write-Host "Package written to $packagePath"
}

# Runs Pester (restored from the NuGet feed by a PackageDownload: no gallery, no Install-Module) in a clean child of
# this PowerShell against out/CsCertificate, and returns its totals. The package tests use $Package when given.
function Invoke-PesterSuite([string] $ResultPath, [string] $Package) {
    $packages = Join-Path $out 'packages'
    Invoke-Dotnet restore (Join-Path $root 'tests/Pester/Restore/PesterPackages.csproj') --packages $packages --nologo -v quiet
    $pester = Join-Path $packages "pester/$pesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $pester)) { throw "Pester $pesterVersion was not restored to $pester." }

    $arguments = @('-PesterManifest', $pester, '-ModuleManifest', $moduleManifest, '-ResultPath', $ResultPath)
    if ($Package) { $arguments += @('-PackagePath', $Package) }
    Invoke-ChildPowerShell -FilePath (Join-Path $root 'tests/Pester/Invoke-Tests.ps1') -ArgumentList $arguments | Out-Host
    $exitCode = $LASTEXITCODE
    $totals = if (Test-Path $ResultPath) { Get-Content -Raw $ResultPath | ConvertFrom-Json } else { New-FailedTotals 'Pester did not run' }
    if ($totals.Failed -eq 0 -and $exitCode -ne 0) { $totals.Failed = 1 }
    return $totals
}

function Invoke-TestTask {
    if ($PesterOnly) {
        Invoke-PesterOnly
        return
    }
    # The package tests install what -Task Package writes; where PSResourceGet is missing they skip, saying why.
    $package = $null
    if (Get-Command -Name Compress-PSResource -ErrorAction SilentlyContinue) {
        Invoke-PackageTask
        $package = $packagePath
    }
    else {
        Write-Warning 'Compress-PSResource (PSResourceGet) is not in this PowerShell: building without the package.'
        Invoke-BuildTask
    }
    if (Test-Path $testResults) { Remove-Item $testResults -Recurse -Force }
    New-Item -ItemType Directory -Path $testResults -Force | Out-Null

    $net48Failed = 0
    if ($PSVersionTable.PSEdition -eq 'Core' -and -not $IsWindows) {
        # The net48 tests run only in the Windows jobs; compiling them here shows at once a change that breaks them.
        Write-Host 'Compiling the net48 tests (they run on Windows only)'
        & dotnet build (Join-Path $root 'tests/CsCertificate.Tests/CsCertificate.Tests.csproj') -c $Configuration -f net48 -p:CompileNet48=true --nologo -v quiet
        if ($LASTEXITCODE -ne 0) { $net48Failed = 1 }
    }

    Write-Host 'Running xunit'
    & dotnet test (Join-Path $root 'tests/CsCertificate.Tests/CsCertificate.Tests.csproj') -c $Configuration --nologo `
        --logger 'trx;LogFilePrefix=xunit' --logger 'console;verbosity=minimal' --results-directory $testResults
    $xunitExit = $LASTEXITCODE
    # One .trx per target framework: net10.0, and on Windows net48 (the runtime of Windows PowerShell 5.1) too.
    $trx = @(Get-ChildItem -Path $testResults -Filter 'xunit*.trx' | ForEach-Object FullName)
    $xunit = if ($trx.Count -gt 0) { Get-XunitTotals $trx } else { New-FailedTotals 'xunit did not run' }

    # A test tool: the TLS proxy that injects CA faults in front of pebble (tests/Pester/Reliability.Tests.ps1).
    Invoke-Dotnet build (Join-Path $root 'tests/FaultProxy/FaultProxy.csproj') -c Release -o (Join-Path $out 'tools/FaultProxy') --nologo -v quiet

    Write-Host 'Running Pester against out/CsCertificate'
    $pester = Invoke-PesterSuite -ResultPath (Join-Path $testResults 'pester.json') -Package $package

    $failed = $xunit.Failed + $pester.Failed + $net48Failed
    if ($failed -eq 0 -and $xunitExit -ne 0) { $failed = 1 }
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed, $(@($xunit.SkipReasons).Count) skipped; Pester: $($pester.Passed) passed, $($pester.Failed) failed, $(@($pester.SkipReasons).Count) skipped"
    Write-TestTotals -Passed ($xunit.Passed + $pester.Passed) -Failed $failed -SkipReasons (@($xunit.SkipReasons) + @($pester.SkipReasons)) `
        -FailedNames (@($xunit.FailedNames) + @($pester.FailedNames) + @(if ($net48Failed) { 'the net48 test build' }))
    if ($failed -gt 0) { exit 1 }
}

# Pester alone, against the module (and package, when there is one) that an earlier Build, Package or Test wrote:
# how CI runs the tests under Windows PowerShell 5.1 after building with the .NET SDK.
function Invoke-PesterOnly {
    if (-not (Test-Path $moduleManifest)) { throw "There is no built module at ${moduleManifest}; run build.ps1 -Task Build (or Package) first." }
    $package = if (Test-Path $packagePath) { $packagePath } else { $null }
    New-Item -ItemType Directory -Path $testResults -Force | Out-Null

    Write-Host "Running Pester in PowerShell $($PSVersionTable.PSVersion) ($($PSVersionTable.PSEdition)) against out/CsCertificate"
    $pester = Invoke-PesterSuite -ResultPath (Join-Path $testResults "pester-$($PSVersionTable.PSEdition).json") -Package $package
    Write-TestTotals -Passed $pester.Passed -Failed $pester.Failed -SkipReasons @($pester.SkipReasons) -FailedNames @($pester.FailedNames)
    if ($pester.Failed -gt 0) { exit 1 }
}

function Invoke-DemoTask {
    Invoke-BuildTask
    $demo = Join-Path $out 'demo'
    if (Test-Path $demo) { Remove-Item $demo -Recurse -Force }
    New-Item -ItemType Directory -Path $demo -Force | Out-Null
    Invoke-ChildScript 'The demo' 'docs/examples/Demo.ps1' @('-ModuleManifest', $moduleManifest, '-WorkFolder', $demo)
}

function Invoke-BenchTask {
    # Measurements are of the Release build, whatever -Configuration says.
    $script:Configuration = 'Release'
    Invoke-BuildTask
    $bench = Join-Path $out 'bench'
    if ($Quick) {
        $results = Join-Path $bench 'results-quick.md'
        $raw = Join-Path $bench 'raw-quick'
    }
    else {
        $results = Join-Path $root 'bench/results.md'
        $raw = Join-Path $root ('bench/raw/' + [DateTime]::UtcNow.ToString('yyyyMMdd-HHmmss', [Globalization.CultureInfo]::InvariantCulture))
    }

    $arguments = @('-ModuleManifest', $moduleManifest, '-OutFile', $results, '-RawFolder', $raw, '-WorkFolder', (Join-Path $bench 'work'))
    if ($Quick) { $arguments += '-Quick' }
    Invoke-ChildScript 'The benchmark' 'bench/Invoke-Benchmark.ps1' $arguments
}

function Invoke-CleanTask {
    foreach ($path in $out, (Join-Path $root 'src/CsCertificate/bin'), (Join-Path $root 'src/CsCertificate/obj'),
        (Join-Path $root 'src/CsCertificate.Core/bin'), (Join-Path $root 'src/CsCertificate.Core/obj'),
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
        'Build' { Invoke-BuildTask }
        'Test' { Invoke-TestTask }
        'Package' { Invoke-PackageTask }
        'Demo' { Invoke-DemoTask }
        'Bench' { Invoke-BenchTask }
        'Clean' { Invoke-CleanTask }
    }
}
finally {
    Pop-Location
}
