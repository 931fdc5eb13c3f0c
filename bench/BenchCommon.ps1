# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# Helpers shared by the benchmark scripts (dot-sourced). Nothing here is part of the module.

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$script:RepositoryRoot = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
# Children of the PowerShell running the benchmark, of the same kind.
. (Join-Path $RepositoryRoot 'tools/ChildPowerShell.ps1')
$script:Examples = Join-Path $RepositoryRoot 'docs/examples'
$script:ExampleTopology = @((Join-Path $Examples 'litwareinc-topology.xml'), (Join-Path $Examples 'litwareinc-simpleurls.xml'))

# The request every "-New" measurement makes: Example 4 of the original cmdlet (a Standard Edition server's
# Default, internal and external web services certificate), eight names in the SAN.
$script:ExampleRequest = @{
    Type          = 'Default', 'WebServicesInternal', 'WebServicesExternal'
    ComputerFqdn  = 'atl-cs-001.litwareinc.com'
    TopologyPath  = $ExampleTopology
    WarningAction = 'SilentlyContinue'
}

# The one-minute load average (Linux), to show how busy the machine was while a measurement ran.
function Get-LoadAverage {
    if (Test-Path '/proc/loadavg') { return [double]((Get-Content '/proc/loadavg' -Raw).Split(' ')[0]) }
    return $null
}

# A full, blocking, compacting collection with finalizers run, before memory is read.
function Invoke-FullCollection {
    [GC]::Collect(2, [GCCollectionMode]::Forced, $true, $true)
    [GC]::WaitForPendingFinalizers()
    [GC]::Collect(2, [GCCollectionMode]::Forced, $true, $true)
}

# Runs a program to its end; returns the wall-clock milliseconds from process creation to exit, and what it wrote
# to its standard output. Throws when it fails, so a broken baseline is never timed as a fast one.
function Measure-Process {
    param(
        [Parameter(Mandatory)] [string] $FilePath,
        [string[]] $ArgumentList = @(),
        [hashtable] $Environment = @{}
    )

    $info = [System.Diagnostics.ProcessStartInfo]::new($FilePath)
    foreach ($argument in $ArgumentList) { $info.ArgumentList.Add($argument) }
    foreach ($key in $Environment.Keys) { $info.Environment[$key] = $Environment[$key] }
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $process = [System.Diagnostics.Process]::Start($info)
    $errors = $process.StandardError.ReadToEndAsync()
    $output = $process.StandardOutput.ReadToEnd()
    $process.WaitForExit()
    $clock.Stop()
    $exitCode = $process.ExitCode
    $process.Dispose()
    if ($exitCode -ne 0) {
        throw "$FilePath $($ArgumentList -join ' ') exited with $exitCode`: $output $($errors.Result)"
    }
    return [pscustomobject]@{ Milliseconds = $clock.Elapsed.TotalMilliseconds; Output = $output }
}

# Empties (or creates) a measurement's own work folder, so that nothing of an earlier run is in the way.
function Reset-WorkFolder([Parameter(Mandatory)] [string] $Path) {
    if (Test-Path $Path) { Remove-Item $Path -Recurse -Force }
    New-Item -ItemType Directory -Path $Path -Force | Out-Null
}

# Writes a measurement's raw samples as JSON for Invoke-Benchmark.ps1.
function Save-BenchResult([Parameter(Mandatory)] $Result, [Parameter(Mandatory)] [string] $Path) {
    $Result | ConvertTo-Json -Depth 8 | Set-Content -Path $Path -Encoding utf8
}

# The order of the series in iteration i: rotated, so no series always runs first (or right after another).
function Get-RotatedOrder([object[]] $Items, [int] $Iteration) {
    $n = $Items.Count
    $shift = (($Iteration % $n) + $n) % $n
    @(for ($k = 0; $k -lt $n; $k++) { $Items[($k + $shift) % $n] })
}
