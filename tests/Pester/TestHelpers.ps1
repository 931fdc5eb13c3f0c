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

# The real topology documents in ../shared/fixtures/topologies: third-party data, read in place, never copied.
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

# The PowerShell running the tests, to start children of the same kind (a .NET tool runs as dotnet pwsh.dll).
$script:PowerShellCommand = @(
    $process = (Get-Process -Id $PID).Path
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { $process; Join-Path $PSHOME 'pwsh.dll' } else { $process }
)

# Runs a script block in a child PowerShell with the module imported and the given environment variables set,
# and returns its Output, Errors (Id, Message, Category, Target), Warnings and Verbose lines. -Through starts the
# child through another command that is given PowerShell's command line (setpriv, sh -c 'umask 000; exec ...').
function Invoke-InChild {
    param(
        [Parameter(Mandatory)] [scriptblock] $Script,
        [hashtable] $Environment = @{},
        [string[]] $Through = @()
    )

    $name = "child-$([guid]::NewGuid().ToString('N'))"
    $scriptPath = Join-Path $TestDrive "$name.ps1"
    $resultPath = Join-Path $TestDrive "$name.xml"
    Set-Content -Path $scriptPath -Value $Script.ToString() -Encoding utf8
    $saved = @{}
    foreach ($key in $Environment.Keys) {
        $saved[$key] = [Environment]::GetEnvironmentVariable($key)
        [Environment]::SetEnvironmentVariable($key, [string]$Environment[$key])
    }
    try {
        $command = @($Through) + @($PowerShellCommand)
        $exe = $command[0]
        $prefix = @($command | Select-Object -Skip 1)
        & $exe @prefix -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'ChildRunner.ps1') -ModuleManifest $ModuleManifest -ScriptPath $scriptPath -ResultPath $resultPath | Out-Null
    }
    finally {
        foreach ($key in $saved.Keys) { [Environment]::SetEnvironmentVariable($key, $saved[$key]) }
    }
    if (-not (Test-Path $resultPath)) { throw "The child PowerShell wrote no result for $scriptPath." }
    Import-Clixml -Path $resultPath
}

# A folder that a child uses as HOME, so certificates it installs land in its own store.
function New-ChildHome {
    $path = Join-Path $TestDrive "home-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $path | Out-Null
    return $path
}

# The files of .NET's CurrentUser\My store below a child's HOME (Linux keeps one .pfx per certificate).
function Get-ChildStoreCertificate([string] $ChildHome) {
    $my = Join-Path $ChildHome '.dotnet/corefx/cryptography/x509stores/my'
    if (-not (Test-Path $my)) { return @() }
    @(Get-ChildItem -Path $my -Filter '*.pfx' | ForEach-Object BaseName)
}

# Starts a PowerShell in the background that imports the module and runs a script block, with the given
# environment variables; its output and errors go to files beside the script. Returns the process.
function Start-ModuleProcess {
    param(
        [Parameter(Mandatory)] [scriptblock] $Script,
        [hashtable] $Environment = @{}
    )

    $name = "worker-$([guid]::NewGuid().ToString('N'))"
    $scriptPath = Join-Path $TestDrive "$name.ps1"
    Set-Content -Path $scriptPath -Encoding utf8 -Value ("Import-Module '$ModuleManifest'`n" + $Script.ToString())
    $saved = @{}
    foreach ($key in $Environment.Keys) {
        $saved[$key] = [Environment]::GetEnvironmentVariable($key)
        [Environment]::SetEnvironmentVariable($key, [string]$Environment[$key])
    }
    try {
        $arguments = @($PowerShellCommand | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $scriptPath)
        $process = Start-Process -FilePath $PowerShellCommand[0] -ArgumentList $arguments -PassThru `
            -RedirectStandardOutput (Join-Path $TestDrive "$name.out") -RedirectStandardError (Join-Path $TestDrive "$name.err")
        $process | Add-Member -NotePropertyName ErrorFile -NotePropertyValue (Join-Path $TestDrive "$name.err") -PassThru
    }
    finally {
        foreach ($key in $saved.Keys) { [Environment]::SetEnvironmentVariable($key, $saved[$key]) }
    }
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

function Get-PublicKeyOfKey([string] $Path) {
    $pem = Get-Content -Raw $Path
    $key = try { $ec = [System.Security.Cryptography.ECDsa]::Create(); $ec.ImportFromPem($pem); $ec } catch { $rsa = [System.Security.Cryptography.RSA]::Create(); $rsa.ImportFromPem($pem); $rsa }
    [Convert]::ToBase64String($key.ExportSubjectPublicKeyInfo())
}

function Get-PublicKeyOfCsr([string] $Pem) {
    $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::LoadSigningRequestPem($Pem, [System.Security.Cryptography.HashAlgorithmName]::SHA256,
        [System.Security.Cryptography.X509Certificates.CertificateRequestLoadOptions]::SkipSignatureValidation)
    [Convert]::ToBase64String($request.PublicKey.ExportSubjectPublicKeyInfo())
}
