# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

<#
.SYNOPSIS
    Measurement 1: the cost of one offline request in a warm session against openssl req, one process per request.

.DESCRIPTION
    In one session with the module imported: for each key, Warmup untimed rounds, then Iterations rounds, each
    timing (in a rotating order) one `Request-CsCertificate -New -Output`, one
    `openssl req -new -newkey <same> -nodes -subj /CN=<same> -addext subjectAltName=<same names>` process (with the
    same EKU and KeyUsage extensions the module writes), and the platform key generation alone (the call the
    module makes: RSA.Create + KeySize, or ECDsa.Create(curve), then a public export), which shows how much of
    either side is key generation. Every module request is checked with openssl req -verify afterwards.

    With -MemoryFolder (a tmpfs such as /dev/shm), the keys in -MemoryKeys are also measured with the data folder,
    the request files and openssl's files in memory, which takes the disk's flush latency out of both sides: the
    module writes its four files durably (flushed to disk before the rename), openssl does not flush at all. The
    DurableWrite series times one such write of 2 KB on the disk (the module's own AtomicFile.Write).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $ResultPath,
    [Parameter(Mandatory)] [string] $WorkFolder,
    [int] $Iterations = 30,
    [int] $Warmup = 2,
    # Comma-separated lists, so that they pass through pwsh -File.
    [string] $Keys = 'RSA2048,RSA4096,ECDH_P256',
    [string] $MemoryFolder,
    [string] $MemoryKeys = 'RSA2048,ECDH_P256'
)

. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
$keyList = $Keys -split ','
$memoryKeyList = $MemoryKeys -split ','

Reset-WorkFolder $WorkFolder
$diskHome = Join-Path $WorkFolder 'home'
$env:CSCERTIFICATE_HOME = $diskHome
$files = Join-Path $WorkFolder 'files'
New-Item -ItemType Directory -Path $files -Force | Out-Null
if ($MemoryFolder) {
    Reset-WorkFolder $MemoryFolder
    $memoryHome = Join-Path $MemoryFolder 'home'
    $memoryFiles = Join-Path $MemoryFolder 'files'
    New-Item -ItemType Directory -Path $memoryFiles -Force | Out-Null
}
Import-Module $ModuleManifest

$openssl = (Get-Command openssl -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source

function Get-KeyArguments([string] $key) {
    if ($key -like 'RSA*') {
        $bits = [int]$key.Substring(3)
        return @{
            Module   = @{ KeyAlg = 'RSA'; KeySize = $bits }
            OpenSsl  = @('-newkey', "rsa:$bits")
            Usage    = 'critical,digitalSignature,keyEncipherment'
            Platform = { $k = [System.Security.Cryptography.RSA]::Create(); $k.KeySize = $bits; $null = $k.ExportParameters($false); $k.Dispose() }.GetNewClosure()
        }
    }

    return @{
        Module   = @{ KeyAlg = 'ECDH_P256' }
        OpenSsl  = @('-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256')
        Usage    = 'critical,digitalSignature,keyAgreement'
        Platform = { $k = [System.Security.Cryptography.ECDsa]::Create([System.Security.Cryptography.ECCurve+NamedCurves]::nistP256); $null = $k.ExportParameters($false); $k.Dispose() }
    }
}

# The engine (CsCertificate.Core.dll), whose internal types the probes below reach by reflection.
$engine = [CsCertificate.Model.CsCertificateRequest].Assembly

# The key object the module's generator creates, to show it is the platform's provider (not BouncyCastle's).
$generator = $engine.GetType('CsCertificate.Keys.KeyGenerator')
$probe = $generator.GetMethod('CreateRsa', [System.Reflection.BindingFlags]'NonPublic,Static').Invoke($null, @(2048))
$rsaProvider = $probe.GetType().FullName
$probe.Dispose()

# One durable write as the store makes it (temporary file, flush to disk, rename), on the disk under test.
$atomicFile = $engine.GetType('CsCertificate.Common.AtomicFile').GetMethod('Write', [System.Reflection.BindingFlags]'NonPublic,Public,Static')
$probeContent = [byte[]]::new(2048)
[string] $probePath = Join-Path $files 'durable-write.probe'
# Path, content, not owner-only; every later (optional) parameter left at its default.
$probeArguments = [object[]](@([string]$probePath, $probeContent, $false) + @($null) * ($atomicFile.GetParameters().Count - 3))

$result = [ordered]@{ Iterations = $Iterations; Warmup = $Warmup; RsaProvider = $rsaProvider; OpenSsl = (& $openssl version); MemoryFolder = $MemoryFolder; ByKey = [ordered]@{} }
$counter = 0
foreach ($key in $keyList) {
    $arguments = Get-KeyArguments $key
    $names = @('Module', 'OpenSsl', 'KeyGeneration', 'DurableWrite')
    if ($MemoryFolder -and $key -in $memoryKeyList) { $names += 'ModuleInMemory', 'OpenSslInMemory' }
    $series = [ordered]@{}
    foreach ($name in $names) { $series[$name] = [System.Collections.Generic.List[double]]::new() }
    $subject = $null
    $san = $null
    $moduleFiles = [System.Collections.Generic.List[string]]::new()
    $loadBefore = Get-LoadAverage
    $clock = [System.Diagnostics.Stopwatch]::new()

    for ($i = -$Warmup; $i -lt $Iterations; $i++) {
        # The first round always starts with the module: openssl is given the names it computed.
        $order = if ($null -eq $subject) { $names } else { Get-RotatedOrder $names $i }
        foreach ($what in $order) {
            $counter++
            $inMemory = $what -like '*InMemory'
            $folder = if ($inMemory) { $memoryFiles } else { $files }
            switch -Wildcard ($what) {
                'Module*' {
                    $env:CSCERTIFICATE_HOME = if ($inMemory) { $memoryHome } else { $diskHome }
                    $output = Join-Path $folder "module-$key-$counter.csr"
                    $parameters = $ExampleRequest + $arguments.Module
                    $clock.Restart()
                    $reference = Request-CsCertificate -New @parameters -Output $output
                    $clock.Stop()
                    $ms = $clock.Elapsed.TotalMilliseconds
                    $moduleFiles.Add($output)
                    if ($null -eq $subject) {
                        $subject = $reference.Subject
                        $san = ($reference.AlternativeNames | ForEach-Object { "DNS:$_" }) -join ','
                    }
                }
                'OpenSsl*' {
                    $opensslArguments = @('req', '-new') + $arguments.OpenSsl + @(
                        '-nodes', '-keyout', (Join-Path $folder "openssl-$key-$counter.key"), '-out', (Join-Path $folder "openssl-$key-$counter.csr"),
                        '-subj', "/$subject",
                        '-addext', "subjectAltName=$san",
                        '-addext', 'extendedKeyUsage=serverAuth',
                        '-addext', "keyUsage=$($arguments.Usage)")
                    $ms = (Measure-Process -FilePath $openssl -ArgumentList $opensslArguments).Milliseconds
                }
                'KeyGeneration' {
                    $clock.Restart()
                    & $arguments.Platform
                    $clock.Stop()
                    $ms = $clock.Elapsed.TotalMilliseconds
                }
                'DurableWrite' {
                    $clock.Restart()
                    $null = $atomicFile.Invoke($null, $probeArguments)
                    $clock.Stop()
                    $ms = $clock.Elapsed.TotalMilliseconds
                }
            }

            if ($i -ge 0) { $series[$what].Add($ms) }
        }
    }

    # The measured work must be real: every request the module wrote verifies.
    $verified = 0
    foreach ($file in $moduleFiles) {
        $null = & $openssl req -in $file -noout -verify 2>&1
        if ($LASTEXITCODE -eq 0) { $verified++ }
    }

    $result.ByKey[$key] = [ordered]@{
        Series        = $series
        Subject       = $subject
        AlternativeNames = $san
        Verified      = "$verified of $($moduleFiles.Count)"
        LoadBefore    = $loadBefore
        LoadAfter     = Get-LoadAverage
    }
    Remove-Item (Join-Path $files '*') -Force
    if ($MemoryFolder) { Remove-Item (Join-Path $memoryFiles '*') -Force -ErrorAction SilentlyContinue }
}

$env:CSCERTIFICATE_HOME = $diskHome
if ($MemoryFolder) { Remove-Item $MemoryFolder -Recurse -Force -ErrorAction SilentlyContinue }

Save-BenchResult $result $ResultPath
