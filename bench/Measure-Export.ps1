# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

<#
.SYNOPSIS
    Measurement 6: Export-CsCertificate of one PFX, against openssl pkcs12 -export of the same key and chain.

.DESCRIPTION
    In one warm session: an offline request (Example 4, RSA 2048) is signed by an issuing CA under a root, both made
    with .NET, and imported, so that the certificate is in the store where the module put it. Then, in a rotating
    order, the module exports it to a PFX (3DES, SHA-1 MAC, the chain, the default of the cmdlet) and openssl writes
    the same PFX from PEM files (a process per file: openssl has no warm session). The module's first PFX is read back
    with openssl. .NET's CurrentUser store on Linux and macOS lives under HOME: the measurement points HOME at its
    work folder before anything opens a store, and removes the certificate from the store at the end.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $ResultPath,
    [Parameter(Mandatory)] [string] $WorkFolder,
    [int] $Iterations = 30,
    [int] $Warmup = 2
)

. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
Reset-WorkFolder $WorkFolder
$env:HOME = Join-Path $WorkFolder 'home'
$env:CSCERTIFICATE_HOME = Join-Path $WorkFolder 'data'
$files = Join-Path $WorkFolder 'files'
New-Item -ItemType Directory -Path $env:HOME, $files -Force | Out-Null
Import-Module $ModuleManifest

# A root and an issuing CA, and the offline request signed by the issuing CA with its names.
$sha256 = [System.Security.Cryptography.HashAlgorithmName]::SHA256
$pkcs1 = [System.Security.Cryptography.RSASignaturePadding]::Pkcs1
function New-Authority([string] $Subject, $Issuer, [int] $Days) {
    $key = [System.Security.Cryptography.RSA]::Create(2048)
    $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new($Subject, $key, $sha256, $pkcs1)
    $request.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension]::new($true, $false, 0, $true))
    $from = [DateTimeOffset]::UtcNow.AddDays(-1)
    $to = [DateTimeOffset]::UtcNow.AddDays($Days)
    if (-not $Issuer) { return $request.CreateSelfSigned($from, $to) }
    $certificate = $request.Create($Issuer, $from, $to, [byte[]](2))
    return [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::CopyWithPrivateKey($certificate, $key)
}
$root = New-Authority 'CN=Bench Root CA' $null 60
$issuing = New-Authority 'CN=Bench Issuing CA' $root 30

$csrPath = Join-Path $files 'request.csr'
$request = Request-CsCertificate -New @ExampleRequest -KeyAlg RSA -KeySize 2048 -Output $csrPath -PrivateKeyExportable $true -FriendlyName 'Bench export'
$csr = [System.Security.Cryptography.X509Certificates.CertificateRequest]::LoadSigningRequestPem((Get-Content -Raw $csrPath), $sha256,
    [System.Security.Cryptography.X509Certificates.CertificateRequestLoadOptions]::UnsafeLoadCertificateExtensions, $pkcs1)
$leaf = $csr.Create($issuing, [DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddDays(10), [byte[]](3, 1))
$answer = Join-Path $files 'answer.pem'
Set-Content -Path $answer -Value ($leaf.ExportCertificatePem() + "`n" + $issuing.ExportCertificatePem()) -NoNewline
$installed = Import-CsCertificate -Path $answer
$id = $installed.RequestId

$password = ConvertTo-SecureString 'bench-export' -AsPlainText -Force
$pfx = Join-Path $files 'module.pfx'
$opensslPfx = Join-Path $files 'openssl.pfx'
$haveOpenSsl = [bool](Get-Command openssl -CommandType Application -ErrorAction SilentlyContinue)

# openssl's input: the same certificate, chain and key, as PEM files the module writes once.
$chainPem = Join-Path $files 'chain.pem'
$keyPem = Join-Path $files 'key.pem'
$null = Export-CsCertificate -RequestId $id -Path $chainPem -KeyPath $keyPem
$opensslArguments = @('pkcs12', '-export', '-in', $chainPem, '-inkey', $keyPem, '-out', $opensslPfx, '-passout', 'pass:bench-export', '-name', 'Bench export',
    '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1', '-iter', '2048')

$module = [System.Collections.Generic.List[double]]::new()
$baseline = [System.Collections.Generic.List[double]]::new()
$clock = [System.Diagnostics.Stopwatch]::new()
$loadBefore = Get-LoadAverage
for ($i = -$Warmup; $i -lt $Iterations; $i++) {
    foreach ($side in Get-RotatedOrder @('Module', 'OpenSsl') $i) {
        if ($side -eq 'Module') {
            $clock.Restart()
            $null = Export-CsCertificate -RequestId $id -Path $pfx -Password $password -Force
            $clock.Stop()
            if ($i -ge 0) { $module.Add($clock.Elapsed.TotalMilliseconds) }
        }
        elseif ($haveOpenSsl) {
            $milliseconds = (Measure-Process -FilePath openssl -ArgumentList $opensslArguments).Milliseconds
            if ($i -ge 0) { $baseline.Add($milliseconds) }
        }
    }
}

# The module's PFX as openssl 3 reads it, without -legacy.
$verified = 'openssl is not installed'
if ($haveOpenSsl) {
    $info = & openssl pkcs12 -info -in $pfx -passin pass:bench-export -nodes 2>&1 | Out-String
    $verified = ($LASTEXITCODE -eq 0 -and $info -match 'pbeWithSHA1And3-KeyTripleDES-CBC' -and $info -match 'MAC: sha1' -and $info -match 'Microsoft CSP Name')
}

# The benchmark's certificate leaves the store it was put in.
$location = if ($IsWindows) { 'LocalMachine' } else { 'CurrentUser' }
$store = [System.Security.Cryptography.X509Certificates.X509Store]::new('My', $location)
$store.Open('ReadWrite')
try { $store.Certificates.Find('FindByThumbprint', $installed.Thumbprint, $false) | ForEach-Object { $store.Remove($_) } } finally { $store.Close() }

Save-BenchResult ([ordered]@{
        Iterations = $Iterations
        Warmup     = $Warmup
        Module     = $module
        Baseline   = $baseline
        PfxBytes   = (Get-Item $pfx).Length
        Verified   = $verified
        LoadBefore = $loadBefore
        LoadAfter  = Get-LoadAverage
    }) $ResultPath
