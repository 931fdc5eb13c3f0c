# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

<#
.SYNOPSIS
    Measurement 5: the working set of one session making many offline requests.

.DESCRIPTION
    Makes Requests offline requests (ECDH_P256, the example's names) in this session, one after the other, and
    after every Checkpoint requests forces a full, compacting collection and reads the process's working set
    (and the managed heap). The figure is the working set after the last request against the one after the
    first checkpoint: a leak per request shows as growth.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $ResultPath,
    [Parameter(Mandatory)] [string] $WorkFolder,
    [int] $Requests = 1000,
    [int] $Checkpoint = 100
)

. (Join-Path $PSScriptRoot 'BenchCommon.ps1')

Reset-WorkFolder $WorkFolder
$env:CSCERTIFICATE_HOME = Join-Path $WorkFolder 'home'
Import-Module $ModuleManifest

$output = Join-Path $WorkFolder 'memory.csr'
$samples = [System.Collections.Generic.List[object]]::new()
$loadBefore = Get-LoadAverage
$clock = [System.Diagnostics.Stopwatch]::StartNew()
for ($n = 1; $n -le $Requests; $n++) {
    $null = Request-CsCertificate -New @ExampleRequest -KeyAlg ECDH_P256 -Output $output -Force
    if ($n % $Checkpoint -eq 0 -or $n -eq $Requests) {
        Invoke-FullCollection
        $process = [System.Diagnostics.Process]::GetCurrentProcess()
        $samples.Add([ordered]@{
                Requests       = $n
                WorkingSetMB   = [math]::Round($process.WorkingSet64 / 1MB, 1)
                PrivateMB      = [math]::Round($process.PrivateMemorySize64 / 1MB, 1)
                ManagedHeapMB  = [math]::Round([GC]::GetTotalMemory($true) / 1MB, 1)
                ElapsedSeconds = [math]::Round($clock.Elapsed.TotalSeconds, 1)
            })
        $process.Dispose()
    }
}

Save-BenchResult ([ordered]@{
        Requests   = $Requests
        Checkpoint = $Checkpoint
        Samples    = $samples
        LoadBefore = $loadBefore
        LoadAfter  = Get-LoadAverage
    }) $ResultPath

Remove-Item $env:CSCERTIFICATE_HOME -Recurse -Force
