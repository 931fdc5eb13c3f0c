# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

<#
.SYNOPSIS
    Measurement 3: -List, -List -RequestId and -New (ECDH_P256) with 0, 1,000 and 10,000 stored requests.

.DESCRIPTION
    One data folder per size, filled by New-BenchStore.ps1 with copies of a real record the module wrote first.
    In one warm session, each round runs the three commands on every store (in a rotating order of stores):
    -New first, so the empty store has a request for -RequestId to find; then -List -RequestId, Lookups times
    (the first request of the empty store, the middle one of the others); then -List (every request, the output
    collected in a variable, as a script would). A full collection before each timed command keeps the garbage
    of the one before (10,000 listed requests) out of its time. The stores grow by one request per round.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $ResultPath,
    [Parameter(Mandatory)] [string] $WorkFolder,
    # Comma-separated, so that it passes through pwsh -File.
    [string] $Sizes = '0,1000,10000',
    [int] $Iterations = 10,
    [int] $Warmup = 1,
    [int] $Lookups = 5
)

. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
$sizeList = @($Sizes -split ',' | ForEach-Object { [int]$_ })

Reset-WorkFolder $WorkFolder
$files = Join-Path $WorkFolder 'files'
New-Item -ItemType Directory -Path $files -Force | Out-Null
Import-Module $ModuleManifest

# The template: one real request made by the module.
$seedHome = Join-Path $WorkFolder 'seed'
$env:CSCERTIFICATE_HOME = $seedHome
$null = Request-CsCertificate -New @ExampleRequest -KeyAlg ECDH_P256 -Output (Join-Path $files 'seed.csr')

$stores = [ordered]@{}
$seeding = [ordered]@{}
foreach ($size in $sizeList) {
    $path = Join-Path $WorkFolder "store-$size"
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    & (Join-Path $PSScriptRoot 'New-BenchStore.ps1') -Path $path -Count $size `
        -TemplateRecord (Join-Path $seedHome 'requests/000001.json') -TemplateKey (Join-Path $seedHome 'keys/000001.key')
    $seeding["$size"] = [math]::Round($clock.Elapsed.TotalSeconds, 1)
    $stores["$size"] = $path
}

$operations = 'New', 'List', 'Find'
$series = [ordered]@{}
foreach ($size in $sizeList) {
    foreach ($operation in $operations) { $series["$operation-$size"] = [System.Collections.Generic.List[double]]::new() }
}

$listed = @{}
$loadBefore = Get-LoadAverage
$clock = [System.Diagnostics.Stopwatch]::new()
for ($i = -$Warmup; $i -lt $Iterations; $i++) {
    foreach ($size in (Get-RotatedOrder $sizeList $i)) {
        $env:CSCERTIFICATE_HOME = $stores["$size"]
        $find = if ($size -eq 0) { 1 } else { [int]($size / 2) }

        $output = Join-Path $files "new-$size-$($i + $Warmup).csr"
        Invoke-FullCollection
        $clock.Restart()
        $null = Request-CsCertificate -New @ExampleRequest -KeyAlg ECDH_P256 -Output $output
        $clock.Stop()
        if ($i -ge 0) { $series["New-$size"].Add($clock.Elapsed.TotalMilliseconds) }

        Invoke-FullCollection
        for ($k = 0; $k -lt $Lookups; $k++) {
            $clock.Restart()
            $one = Request-CsCertificate -List -RequestId $find
            $clock.Stop()
            if ($one.RequestId -ne $find) { throw "-List -RequestId $find found $($one.RequestId) in the store of $size." }
            if ($i -ge 0) { $series["Find-$size"].Add($clock.Elapsed.TotalMilliseconds) }
        }

        Invoke-FullCollection
        $clock.Restart()
        $all = Request-CsCertificate -List
        $clock.Stop()
        if ($i -ge 0) { $series["List-$size"].Add($clock.Elapsed.TotalMilliseconds) }
        $listed["$size"] = @($all).Count
        $all = $null
    }
}

Save-BenchResult ([ordered]@{
        Iterations = $Iterations
        Warmup     = $Warmup
        Lookups    = $Lookups
        Sizes      = $sizeList
        Seeding    = $seeding
        Listed     = $listed
        Series     = $series
        LoadBefore = $loadBefore
        LoadAfter  = Get-LoadAverage
    }) $ResultPath

foreach ($path in $stores.Values) { Remove-Item $path -Recurse -Force }
