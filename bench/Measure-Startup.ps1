# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

<#
.SYNOPSIS
    Measurement 2: the start-up cost of the module in a fresh PowerShell.

.DESCRIPTION
    Times pairs of fresh processes, in alternating order: `pwsh -NoProfile -Command "Import-Module <module>;
    Request-CsCertificate -List"` on an empty data folder, and the baseline `pwsh -NoProfile -Command 0`. Each
    pair gives one difference. One more (untimed) process tells which assemblies the import and -List loaded.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $ResultPath,
    [Parameter(Mandatory)] [string] $WorkFolder,
    [int] $Iterations = 20,
    [int] $Warmup = 1
)

. (Join-Path $PSScriptRoot 'BenchCommon.ps1')

# PowerShell of the kind that runs this script (and so the benchmark).
$command = @(Get-ChildPowerShell)
$executable = $command[0]
$prefix = @($command | Select-Object -Skip 1)
Reset-WorkFolder $WorkFolder
$emptyHome = Join-Path $WorkFolder 'empty-home'
$environment = @{ CSCERTIFICATE_HOME = $emptyHome; POWERSHELL_TELEMETRY_OPTOUT = '1'; POWERSHELL_UPDATECHECK = 'Off' }

$quoted = "'" + ($ModuleManifest -replace "'", "''") + "'"
$moduleArguments = $prefix + @('-NoProfile', '-Command', "Import-Module $quoted; Request-CsCertificate -List")
$baselineArguments = $prefix + @('-NoProfile', '-Command', '0')

$module = [System.Collections.Generic.List[double]]::new()
$baseline = [System.Collections.Generic.List[double]]::new()
$differences = [System.Collections.Generic.List[double]]::new()
$loadBefore = Get-LoadAverage
for ($i = -$Warmup; $i -lt $Iterations; $i++) {
    if ($i % 2 -eq 0) {
        $b = (Measure-Process -FilePath $executable -ArgumentList $baselineArguments -Environment $environment).Milliseconds
        $m = (Measure-Process -FilePath $executable -ArgumentList $moduleArguments -Environment $environment).Milliseconds
    }
    else {
        $m = (Measure-Process -FilePath $executable -ArgumentList $moduleArguments -Environment $environment).Milliseconds
        $b = (Measure-Process -FilePath $executable -ArgumentList $baselineArguments -Environment $environment).Milliseconds
    }

    if ($i -ge 0) {
        $module.Add($m)
        $baseline.Add($b)
        $differences.Add($m - $b)
    }
}

# Which of the module's assemblies a start-up loads (BouncyCastle must wait for a request that needs it).
$probe = "Import-Module $quoted; Request-CsCertificate -List; " +
    "[AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { `$_.GetName().Name } | Where-Object { `$_ -like 'CsCertificate*' -or `$_ -like 'BouncyCastle*' } | Sort-Object"
$probed = Measure-Process -FilePath $executable -ArgumentList ($prefix + @('-NoProfile', '-Command', $probe)) -Environment $environment
$loaded = @($probed.Output -split "`r?`n" | Where-Object { $_ })

Save-BenchResult ([ordered]@{
        Iterations  = $Iterations
        Warmup      = $Warmup
        Module      = $module
        Baseline    = $baseline
        Differences = $differences
        Loaded      = $loaded
        LoadBefore  = $loadBefore
        LoadAfter   = Get-LoadAverage
    }) $ResultPath
