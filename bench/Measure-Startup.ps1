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
    # The PowerShell to start: its executable, then (for a .NET tool) the pwsh.dll it runs, comma-separated.
    [Parameter(Mandatory)] [string] $PowerShell,
    [int] $Iterations = 20,
    [int] $Warmup = 1
)

. (Join-Path $PSScriptRoot 'BenchCommon.ps1')

$command = @($PowerShell -split ',')
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
        $b = Measure-Process -FilePath $executable -ArgumentList $baselineArguments -Environment $environment
        $m = Measure-Process -FilePath $executable -ArgumentList $moduleArguments -Environment $environment
    }
    else {
        $m = Measure-Process -FilePath $executable -ArgumentList $moduleArguments -Environment $environment
        $b = Measure-Process -FilePath $executable -ArgumentList $baselineArguments -Environment $environment
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
$info = [System.Diagnostics.ProcessStartInfo]::new($executable)
foreach ($argument in $prefix + @('-NoProfile', '-Command', $probe)) { $info.ArgumentList.Add($argument) }
foreach ($key in $environment.Keys) { $info.Environment[$key] = $environment[$key] }
$info.RedirectStandardOutput = $true
$info.UseShellExecute = $false
$process = [System.Diagnostics.Process]::Start($info)
$loaded = @($process.StandardOutput.ReadToEnd() -split "`r?`n" | Where-Object { $_ })
$process.WaitForExit()

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
