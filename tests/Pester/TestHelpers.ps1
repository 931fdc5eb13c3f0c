# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# Shared by the Pester tests: where the built module and the example documents are, and a fresh data folder.

# Windows PowerShell 5.1 runs on Windows only and has no $IsWindows, $IsLinux or $IsMacOS: give the tests their values.
if ($PSVersionTable.PSEdition -ne 'Core') {
    $script:IsWindows = $true
    $script:IsLinux = $false
    $script:IsMacOS = $false
}

$script:RepositoryRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:ModuleManifest = if ($env:CSCERTIFICATE_TEST_MODULE) { $env:CSCERTIFICATE_TEST_MODULE } else { Join-Path $RepositoryRoot 'out/CsCertificate/CsCertificate.psd1' }
$script:Examples = Join-Path $RepositoryRoot 'docs/examples'
$script:LitwareTopology = @((Join-Path $Examples 'litwareinc-topology.xml'), (Join-Path $Examples 'litwareinc-simpleurls.xml'))
$script:LitwarePool = Join-Path $Examples 'litwareinc-pool1.tbxml'
$script:FullyQualifiedSuffix = ',CsCertificate.Commands.RequestCsCertificateCommand'

# Gives each test its own data folder under TestDrive and returns it.
function New-TestHome {
    $path = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $path | Out-Null
    $env:CSCERTIFICATE_HOME = $path
    return $path
}

# Every file below a folder, for "nothing was written" assertions.
function Get-WrittenFile([string] $Path) {
    if (-not (Test-Path $Path)) { return @() }
    @(Get-ChildItem -Path $Path -Recurse -File -Force | ForEach-Object FullName)
}

# A simple function (not advanced), so that openssl options such as -in reach openssl untouched.
function Invoke-OpenSsl {
    $text = & openssl @args 2>&1 | Out-String
    if ($LASTEXITCODE -ne 0) { throw "openssl $($args -join ' ') failed: $text" }
    return $text
}

# The real topology documents of the shared fixtures (a shared/fixtures/topologies folder above the repository, or
# $env:CSCERTIFICATE_SHARED_FIXTURES): third-party data, read in place, never copied.
function Find-SharedFixtures {
    if ($env:CSCERTIFICATE_SHARED_FIXTURES -and (Test-Path $env:CSCERTIFICATE_SHARED_FIXTURES)) { return $env:CSCERTIFICATE_SHARED_FIXTURES }
    $dir = $RepositoryRoot
    while ($dir) {
        $candidate = Join-Path $dir 'shared/fixtures/topologies'
        if (Test-Path $candidate) { return $candidate }
        $parent = Split-Path $dir -Parent
        if ($parent -eq $dir) { break }
        $dir = $parent
    }
    return $null
}
$script:SharedFixtures = Find-SharedFixtures
$script:SharedFixturesMissing = 'The third-party topology fixtures are not here (expected ../shared/fixtures/topologies next to the repository, or $env:CSCERTIFICATE_SHARED_FIXTURES).'

# The DNS names of a CSR's SAN extension, in order, as openssl prints them.
function Get-CsrAlternativeName([string] $Path) {
    $text = Invoke-OpenSsl req -in $Path -noout -text
    if ($text -notmatch 'Subject Alternative Name:\s*\r?\n\s*(.+)') { return @() }
    @($Matches[1].Trim() -split ',\s*' | ForEach-Object { $_ -replace '^DNS:', '' })
}

function Get-CsrSubject([string] $Path) {
    (Invoke-OpenSsl req -in $Path -noout -subject -nameopt RFC2253).Trim() -replace '^subject=', ''
}

# Children of the PowerShell running the tests, of the same kind (tools/ChildPowerShell.ps1).
. (Join-Path $RepositoryRoot 'tools/ChildPowerShell.ps1')

# Writes the script of a child to a fresh <kind>-<guid>.ps1 under TestDrive; returns its path without the extension,
# for the files that go beside it.
function Write-ChildScript([string] $Kind, [string] $Text) {
    $name = Join-Path $TestDrive "$Kind-$([guid]::NewGuid().ToString('N'))"
    Set-Content -Path "$name.ps1" -Value $Text -Encoding utf8
    return $name
}

# Runs a script block in a child PowerShell with the module imported and the given environment variables set,
# and returns its Output, Errors (Id, Message, Category, Target), Warnings and Verbose lines, and Host: the text
# written straight to the console, such as the "What if:" lines of -WhatIf. -Through starts the child through
# another command that is given PowerShell's command line (setpriv, sh -c 'umask 000; exec ...').
function Invoke-InChild {
    param(
        [Parameter(Mandatory)] [scriptblock] $Script,
        [hashtable] $Environment = @{},
        [string[]] $Through = @()
    )

    $name = Write-ChildScript 'child' $Script.ToString()
    $scriptPath = "$name.ps1"
    $resultPath = "$name.xml"
    $hostText = Invoke-ChildPowerShell -FilePath (Join-Path $PSScriptRoot 'ChildRunner.ps1') -Environment $Environment -Through $Through `
        -ArgumentList '-ModuleManifest', $ModuleManifest, '-ScriptPath', $scriptPath, '-ResultPath', $resultPath | Out-String
    if (-not (Test-Path $resultPath)) { throw "The child PowerShell wrote no result for $scriptPath." }
    Import-Clixml -Path $resultPath | Add-Member -NotePropertyName Host -NotePropertyValue $hostText -PassThru
}

# A folder that a child uses as HOME, so that on Linux the certificates it installs land in its own store. Windows
# (LocalMachine\My) and macOS (the login keychain) have one store for every process: the certificates there now are
# noted, so that Get-ChildStoreCertificate names only those that came after.
function New-ChildHome {
    $path = Join-Path $TestDrive "home-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $path | Out-Null
    if (-not $IsLinux) {
        foreach ($store in 'My', 'CA') { Set-Content -Path (Join-Path $path "store-before-$($store.ToLowerInvariant()).txt") -Value (Get-MyStoreThumbprint $store) }
    }
    return $path
}

# The thumbprints of the certificates a child of this HOME installed in the store the module uses (My by default,
# or CA): on Linux the files of .NET's CurrentUser store below it (one .pfx per certificate), elsewhere what the
# shared store holds that it did not hold before.
function Get-ChildStoreCertificate([string] $ChildHome, [string] $Store = 'My') {
    if ($IsLinux) {
        $folder = Join-Path $ChildHome ".dotnet/corefx/cryptography/x509stores/$($Store.ToLowerInvariant())"
        if (-not (Test-Path $folder)) { return @() }
        return @(Get-ChildItem -Path $folder -Filter '*.pfx' | ForEach-Object BaseName)
    }
    $before = @(Get-Content -Path (Join-Path $ChildHome "store-before-$($Store.ToLowerInvariant()).txt"))
    @(Get-MyStoreThumbprint $Store | Where-Object { $before -notcontains $_ })
}

# The certificates of a store the module installs into (My, or CA for chains): LocalMachine on Windows, CurrentUser elsewhere.
function Get-MyStoreThumbprint([string] $Name = 'My') {
    $location = if ($IsWindows) { 'LocalMachine' } else { 'CurrentUser' }
    $store = [System.Security.Cryptography.X509Certificates.X509Store]::new($Name, $location)
    $store.Open('ReadOnly')
    try { @($store.Certificates | ForEach-Object Thumbprint) } finally { $store.Close() }
}

# The certificates of the stores the module installs into (My and CA), for Remove-InstalledCertificate. Only Windows
# (LocalMachine) and macOS (the login keychain) share them with the tests; on Linux every child has its own HOME.
function Get-StoreSnapshot {
    if ($IsLinux) { return @{} }
    @{ My = @(Get-MyStoreThumbprint 'My'); CA = @(Get-MyStoreThumbprint 'CA') }
}

# Removes what the tests installed since a snapshot: the certificates, and on Windows their persisted private
# keys, which would otherwise stay in MachineKeys.
function Remove-InstalledCertificate([hashtable] $Snapshot) {
    if ($IsLinux -or -not $Snapshot) { return }
    $location = if ($IsWindows) { 'LocalMachine' } else { 'CurrentUser' }
    foreach ($name in 'My', 'CA') {
        $store = [System.Security.Cryptography.X509Certificates.X509Store]::new($name, $location)
        $store.Open('ReadWrite')
        try {
            foreach ($certificate in @($store.Certificates | Where-Object { $Snapshot[$name] -notcontains $_.Thumbprint })) {
                if ($IsWindows -and $certificate.HasPrivateKey) {
                    $key = [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::GetRSAPrivateKey($certificate)
                    if (-not $key) { $key = [System.Security.Cryptography.X509Certificates.ECDsaCertificateExtensions]::GetECDsaPrivateKey($certificate) }
                    if ($key -is [System.Security.Cryptography.RSACryptoServiceProvider]) { $key.PersistKeyInCsp = $false; $key.Clear() }
                    elseif ($key -and $key.PSObject.Properties['Key']) { $key.Key.Delete() }
                }
                $store.Remove($certificate)
            }
        }
        finally { $store.Close() }
    }
}

# An openssl CA in a folder of TestDrive ("CN=Litware Test CA", BasicConstraints cA=true), with the files
# `openssl ca` needs to sign with chosen dates. Returns the folder.
function New-TestCa([string] $Name = 'ca') {
    $folder = Join-Path $TestDrive $Name
    New-Item -ItemType Directory -Path (Join-Path $folder 'issued') -Force | Out-Null
    Invoke-OpenSsl req -x509 -newkey rsa:2048 -nodes -keyout (Join-Path $folder 'ca.key') -out (Join-Path $folder 'ca.pem') -days 30 -subj '/CN=Litware Test CA' | Out-Null
    Set-Content -Path (Join-Path $folder 'index.txt') -Value '' -NoNewline
    Set-Content -Path (Join-Path $folder 'serial') -Value '1000'
    $dir = $folder -replace '\\', '/'
    Set-Content -Path (Join-Path $folder 'ca.cnf') -Value @"
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = $dir
database = `$dir/index.txt
new_certs_dir = `$dir/issued
serial = `$dir/serial
certificate = `$dir/ca.pem
private_key = `$dir/ca.key
default_md = sha256
policy = any_name
copy_extensions = copy
unique_subject = no
[ any_name ]
commonName = supplied
"@
    return $folder
}

# Has the test CA sign a request: for ten days from now with the request's extensions, or, with -StartDate and
# -EndDate (YYMMDDHHMMSSZ), through `openssl ca`, which can date a certificate in the past or the future
# (OpenSSL 3.0's x509 cannot). Returns the PEM certificate's path.
function New-IssuedCertificate([string] $Ca, [string] $Csr, [string] $Name, [string] $StartDate, [string] $EndDate) {
    $certificate = Join-Path $TestDrive "$Name.pem"
    if ($StartDate) {
        Invoke-OpenSsl ca -batch -notext -config (Join-Path $Ca 'ca.cnf') -in $Csr -out $certificate -startdate $StartDate -enddate $EndDate | Out-Null
    }
    else {
        Invoke-OpenSsl x509 -req -in $Csr -CA (Join-Path $Ca 'ca.pem') -CAkey (Join-Path $Ca 'ca.key') -CAcreateserial -days 10 -copy_extensions copyall -out $certificate | Out-Null
    }
    return $certificate
}

# A request for a stored request's key with other names, as a CA that writes its own request for the key would
# make: -Subject such as '/CN=x', and the SAN's DNS names (none leaves the SAN out).
function New-RemadeCsr([string] $StoreHome, [int] $RequestId, [string] $Subject, [string[]] $DnsNames, [string] $Name) {
    $csr = Join-Path $TestDrive "$Name.csr"
    $key = Join-Path $StoreHome ('keys/{0:D6}.key' -f $RequestId)
    if ($DnsNames) {
        $san = 'subjectAltName=' + (($DnsNames | ForEach-Object { "DNS:$_" }) -join ',')
        Invoke-OpenSsl req -new -key $key -subj $Subject -out $csr -addext $san | Out-Null
    }
    else {
        Invoke-OpenSsl req -new -key $key -subj $Subject -out $csr | Out-Null
    }
    return $csr
}

# The SHA-1 thumbprint of a PEM certificate, as the module writes it.
function Get-CertificateThumbprint([string] $Path) {
    ((Invoke-OpenSsl x509 -in $Path -noout -fingerprint -sha1) -replace '.*=', '' -replace ':', '').Trim()
}

# A stored request as it is on disk: its status, and hashes of its record and of its key file (null when gone).
function Get-RequestState([string] $StoreHome, [int] $RequestId) {
    $record = Join-Path $StoreHome ('requests/{0:D6}.json' -f $RequestId)
    $key = Join-Path $StoreHome ('keys/{0:D6}.key' -f $RequestId)
    [pscustomobject]@{
        Status = (Get-Content -Raw $record | ConvertFrom-Json).status
        Record = (Get-FileHash $record).Hash
        Key = if (Test-Path $key) { (Get-FileHash $key).Hash } else { $null }
    }
}

# Starts a PowerShell in the background that imports the module and runs a script block, with the given
# environment variables; its output and errors go to files beside the script. Returns the process.
function Start-ModuleProcess {
    param(
        [Parameter(Mandatory)] [scriptblock] $Script,
        [hashtable] $Environment = @{}
    )

    $name = Write-ChildScript 'worker' ("Import-Module '$ModuleManifest'`n" + $Script.ToString())
    $errorFile = "$name.err"
    $process = Start-ChildPowerShell -FilePath "$name.ps1" -Environment $Environment -StandardOutput "$name.out" -StandardError $errorFile
    $process | Add-Member -NotePropertyName ErrorFile -NotePropertyValue $errorFile -PassThru
}

# Checks the store's promises after concurrency or crashes: every record parses and sits under its own id, no
# temporary file is taken for a record, and every request not yet issued still has its key, the key of its CSR.
function Test-StoreConsistency([string] $StoreHome) {
    $records = @()
    foreach ($file in Get-ChildItem (Join-Path $StoreHome 'requests') -Filter '*.json' -ErrorAction SilentlyContinue) {
        $record = Get-Content -Raw $file.FullName | ConvertFrom-Json -ErrorAction Stop
        [int]$file.BaseName | Should -Be $record.requestId -Because "$($file.Name) holds its own request"
        $records += $record
    }

    foreach ($record in $records | Where-Object status -ne 'Issued') {
        $key = Join-Path $StoreHome "keys/$($record.keyFile)"
        $key | Should -Exist -Because "request $($record.requestId) is $($record.status) and needs its key"
        Get-PublicKeyOfKey $key | Should -Be (Get-PublicKeyOfCsr $record.csr) -Because "request $($record.requestId)'s key is the key of its CSR"
    }

    return $records
}

# The public key of a PEM private key and of a PEM request: in process on PowerShell 7, through openssl on Windows
# PowerShell 5.1, whose .NET Framework cannot read PEM.
function Get-PublicKeyOfKey([string] $Path) {
    if ($PSVersionTable.PSEdition -eq 'Desktop') { return Get-OpenSslPublicKey pkey -in $Path -pubout }
    $pem = Get-Content -Raw $Path
    $key = try { $ec = [System.Security.Cryptography.ECDsa]::Create(); $ec.ImportFromPem($pem); $ec } catch { $rsa = [System.Security.Cryptography.RSA]::Create(); $rsa.ImportFromPem($pem); $rsa }
    [Convert]::ToBase64String($key.ExportSubjectPublicKeyInfo())
}

function Get-PublicKeyOfCsr([string] $Pem) {
    if ($PSVersionTable.PSEdition -eq 'Desktop') {
        $path = Join-Path $TestDrive "csr-$([guid]::NewGuid().ToString('N')).pem"
        Set-Content -Path $path -Value $Pem -NoNewline
        return Get-OpenSslPublicKey req -in $path -noout -pubkey
    }
    $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::LoadSigningRequestPem($Pem, [System.Security.Cryptography.HashAlgorithmName]::SHA256,
        [System.Security.Cryptography.X509Certificates.CertificateRequestLoadOptions]::SkipSignatureValidation)
    [Convert]::ToBase64String($request.PublicKey.ExportSubjectPublicKeyInfo())
}

# The base64 body of the PUBLIC KEY block openssl prints: the same text as ExportSubjectPublicKeyInfo in base64.
function Get-OpenSslPublicKey {
    ((Invoke-OpenSsl @args) -replace '-----[A-Z ]+-----', '' -replace '\s', '')
}

# What a path is, without following a final link: file, directory, link, fifo, socket, character device,
# block device or missing (for "the device is still a device" assertions).
function Get-FileKind([string] $Path) {
    if ($IsWindows) {
        $item = Get-Item -LiteralPath $Path -Force -ErrorAction SilentlyContinue
        if (-not $item) { return 'missing' }
        if ($item.LinkType) { return 'link' }
        if ($item.PSIsContainer) { return 'directory' }
        return 'file'
    }
    $line = & ls -ld -- $Path 2>$null
    if (-not $line) { return 'missing' }
    switch -CaseSensitive ("$line"[0]) {
        'c' { 'character device' } 'b' { 'block device' } 'p' { 'fifo' } 's' { 'socket' } 'd' { 'directory' } 'l' { 'link' } default { 'file' }
    }
}

# Makes a special file in a test folder (never at a system path): 'character device' (a copy of the null
# device, which needs root), 'fifo', 'socket' or 'directory'. Returns why it cannot, or $null once it exists.
function New-SpecialFile([string] $Path, [string] $Kind) {
    if ($Kind -eq 'directory') { New-Item -ItemType Directory -Path $Path | Out-Null; return $null }
    if ($IsWindows) { return "Windows has no $Kind files" }
    switch ($Kind) {
        'character device' {
            if ((& id -u) -ne '0') { return 'creating a device node (mknod) needs root' }
            & mknod $Path c 1 3
        }
        'fifo' { & mkfifo $Path }
        'socket' {
            if (-not (Get-Command python3 -ErrorAction SilentlyContinue)) { return 'python3 is needed to leave a Unix socket file behind' }
            & python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' $Path
        }
    }
    if ((Get-FileKind $Path) -ne $Kind) { return "could not make a $Kind at $Path" }
    return $null
}

# A symbolic link; its target is kept as given (relative or absolute). Returns why it cannot, or $null.
function New-SymbolicLink([string] $Path, [string] $Target) {
    if ($IsWindows) {
        try { New-Item -ItemType SymbolicLink -Path $Path -Value $Target -ErrorAction Stop | Out-Null }
        catch { return "creating a symbolic link needs the right to do so on Windows: $($_.Exception.Message)" }
    }
    else {
        & ln -s -- $Target $Path
    }
    return $null
}

function Get-SymbolicLinkTarget([string] $Path) {
    if ($IsWindows) { return @((Get-Item -LiteralPath $Path -Force).Target)[0] }
    return (& readlink -- $Path)
}
