# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# Starts pebble, Let's Encrypt's test ACME server (and pebble-challtestsrv as its DNS), on 127.0.0.1 only, with free
# ports so a leftover server never collides with the next. Linux has
# Debian's package; Windows and macOS pebble's release binaries (tools/Install-TestDependency.ps1 installs them).
#
# The module never turns TLS validation off, so each pebble gets a TLS certificate from a test CA made for it, and
# the module is told to trust that CA the way its platform decides trust: on Linux SSL_CERT_FILE (a bundle of the
# system's roots and the test CA) in the child's environment; on Windows the CA goes into LocalMachine\Root (an
# elevated PowerShell, which the module's LocalMachine\My needs anyway); on macOS into the System keychain with
# admin trust settings (security add-trusted-cert, through passwordless sudo). Stop-TestPebble takes it out again.

function Get-PebbleMissingReason {
    if (-not ((Get-Command pebble -CommandType Application -ErrorAction SilentlyContinue) -and (Get-Command openssl -CommandType Application -ErrorAction SilentlyContinue))) {
        return 'pebble and openssl are needed for the ACME tests (Linux: apt-get install -y pebble openssl, as .ci/run does; Windows and macOS: tools/Install-TestDependency.ps1, as CI does).'
    }
    if ($IsWindows -and -not ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
        return "the ACME tests on Windows need an elevated PowerShell: they trust pebble's test CA in LocalMachine\Root, and the module installs into LocalMachine\My."
    }
    if ($IsMacOS) {
        & sudo -n true 2>$null
        if ($LASTEXITCODE -ne 0) { return "the ACME tests on macOS need passwordless sudo, to trust pebble's test CA in the System keychain." }
    }
    return $null
}
$script:PebbleMissing = Get-PebbleMissingReason

function Get-FreePort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Wait-Tcp([int] $Port) {
    for ($i = 0; $i -lt 100; $i++) {
        $client = [System.Net.Sockets.TcpClient]::new()
        try { $client.Connect('127.0.0.1', $Port); return } catch { Start-Sleep -Milliseconds 100 } finally { $client.Dispose() }
    }
    throw "Nothing listens on 127.0.0.1:$Port."
}

# Runs a program to its end, at most $Seconds, and returns what it wrote (output and errors); throws if it fails.
function Invoke-Tool([string] $FilePath, [string[]] $ArgumentList, [int] $Seconds = 60, [switch] $AnyExitCode) {
    $info = [System.Diagnostics.ProcessStartInfo]::new($FilePath, (@($ArgumentList | ForEach-Object { if ($_ -match '\s') { "`"$_`"" } else { $_ } }) -join ' '))
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($info)
    $errors = $process.StandardError.ReadToEndAsync()
    $output = $process.StandardOutput.ReadToEndAsync()
    if (-not $process.WaitForExit($Seconds * 1000)) {
        $process.Kill()
        throw "$FilePath $($ArgumentList -join ' ') did not finish in $Seconds s."
    }
    $text = $output.Result + $errors.Result
    if (-not $AnyExitCode -and $process.ExitCode -ne 0) { throw "$FilePath $($ArgumentList -join ' ') failed ($($process.ExitCode)): $text" }
    return $text
}

# A test CA and, signed by it, pebble's TLS certificate for 127.0.0.1 and localhost (the names the tests use).
function New-PebbleTls([string] $Folder) {
    $ca = Join-Path $Folder 'tls-ca.pem'
    $caKey = Join-Path $Folder 'tls-ca-key.pem'
    $request = Join-Path $Folder 'tls.csr'
    $extensions = Join-Path $Folder 'tls.ext'
    Invoke-Tool openssl @('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', $caKey, '-out', $ca, '-days', '7',
        '-subj', '/CN=CsCertificate test TLS CA') | Out-Null
    Invoke-Tool openssl @('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', (Join-Path $Folder 'tls-key.pem'),
        '-out', $request, '-subj', '/CN=localhost') | Out-Null
    # Apple's TLS policy wants the server-authentication usage and the names in the SAN.
    Set-Content -Path $extensions -Value "basicConstraints=critical,CA:FALSE`nkeyUsage=critical,digitalSignature`nextendedKeyUsage=serverAuth`nsubjectAltName=DNS:localhost,IP:127.0.0.1"
    Invoke-Tool openssl @('x509', '-req', '-in', $request, '-CA', $ca, '-CAkey', $caKey, '-CAcreateserial', '-days', '7', '-sha256',
        '-extfile', $extensions, '-out', (Join-Path $Folder 'tls-cert.pem')) | Out-Null
}

function Get-PemCertificate([string] $Path) {
    $base64 = ((Get-Content -Raw $Path) -replace '-----(BEGIN|END) CERTIFICATE-----', '') -replace '\s', ''
    [System.Security.Cryptography.X509Certificates.X509Certificate2]::new([Convert]::FromBase64String($base64))
}

# Makes the platform trust the test CA for TLS (nothing to do on Linux, where the child's SSL_CERT_FILE does it).
function Add-TestCaTrust([string] $Path) {
    if ($IsWindows) {
        $store = [System.Security.Cryptography.X509Certificates.X509Store]::new('Root', 'LocalMachine')
        $store.Open('ReadWrite')
        try { $store.Add((Get-PemCertificate $Path)) } finally { $store.Close() }
    }
    elseif ($IsMacOS) {
        Invoke-Tool sudo @('-n', 'security', 'add-trusted-cert', '-d', '-r', 'trustRoot', '-k', '/Library/Keychains/System.keychain', $Path) | Out-Null
    }
}

function Remove-TestCaTrust([string] $Path) {
    $certificate = Get-PemCertificate $Path
    if ($IsWindows) {
        $store = [System.Security.Cryptography.X509Certificates.X509Store]::new('Root', 'LocalMachine')
        $store.Open('ReadWrite')
        try { $store.Remove($certificate) } finally { $store.Close() }
    }
    elseif ($IsMacOS) {
        # At worst a trusted test CA stays behind, whose key went with TestDrive: say so, do not fail the tests.
        try {
            Invoke-Tool sudo @('-n', 'security', 'remove-trusted-cert', '-d', $Path) -AnyExitCode | Out-Null
            Invoke-Tool sudo @('-n', 'security', 'delete-certificate', '-Z', $certificate.Thumbprint, '/Library/Keychains/System.keychain') -AnyExitCode | Out-Null
        }
        catch {
            Write-Warning "The test CA $($certificate.Thumbprint) may still be in the System keychain: $_"
        }
    }
}

# The variables a child needs to reach pebble: on Linux the bundle that trusts the test CA.
function Get-PebbleEnvironment([string] $Folder, [int] $HttpPort) {
    $environment = @{ CSCERTIFICATE_HTTP01_ADDRESS = '127.0.0.1'; CSCERTIFICATE_HTTP01_PORT = "$HttpPort" }
    if ($IsLinux) {
        $bundle = Join-Path $Folder 'ca-bundle.pem'
        $system = @('/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt') | Where-Object { Test-Path $_ } | Select-Object -First 1
        $text = if ($system) { Get-Content -Raw $system } else { '' }
        Set-Content -Path $bundle -Value ($text + "`n" + (Get-Content -Raw (Join-Path $Folder 'tls-ca.pem'))) -NoNewline
        $environment.SSL_CERT_FILE = $bundle
    }
    return $environment
}

# Starts pebble-challtestsrv as pebble's DNS, answering 127.0.0.1 for every name, and nothing else.
function Start-ChallengeServer([string] $Folder, $Ports) {
    $arguments = @('-http01', '""', '-https01', '""', '-tlsalpn01', '""', '-dns01', "127.0.0.1:$($Ports.Dns)", '-management', "127.0.0.1:$($Ports.ChallManagement)",
        '-defaultIPv4', '127.0.0.1', '-defaultIPv6', '""')
    # Releases from 2.5 on also serve DNS over HTTPS unless told not to; Debian's 2.4 does not know the flag.
    if ((Invoke-Tool pebble-challtestsrv @('-h') -AnyExitCode) -match '-doh\b') { $arguments += @('-doh', '""') }
    Start-Process -FilePath pebble-challtestsrv -PassThru -RedirectStandardOutput (Join-Path $Folder 'chall.log') -RedirectStandardError (Join-Path $Folder 'chall.err') -ArgumentList $arguments
}

# -RealValidation: pebble validates http-01 against the module's responder, resolving every name to 127.0.0.1.
# -DnsServer 127.0.0.1:<port>: with -RealValidation, pebble resolves (and validates dns-01) through this server (a
#   Start-TestBind) instead of pebble-challtestsrv.
# -EabKeys @{ kid = 'base64url key' }: accounts need External Account Binding.
# -NonceReject: the share of good nonces pebble rejects as badNonce.
# -Reuse: a pebble stopped before, restarted with its ports and TLS certificate, as a real CA keeps its address.
# -VaSleep <n>: a slow CA; pebble waits a random 0 to n-1 seconds before each validation (PEBBLE_VA_SLEEPTIME).
# -CertValidity <seconds>: the lifetime of the certificates it issues (certificateValidityPeriod; pebble's default is
# five years), for renewal tests that must see a certificate come due.
function Start-TestPebble {
    param(
        [Parameter(Mandatory)] [string] $Folder,
        [switch] $RealValidation,
        [hashtable] $EabKeys,
        [int] $NonceReject = 0,
        [object] $Reuse,
        [int] $VaSleep = 0,
        [int] $CertValidity = 0,
        [string] $DnsServer
    )

    New-Item -ItemType Directory -Path $Folder -Force | Out-Null
    if (-not (Test-Path (Join-Path $Folder 'tls-cert.pem'))) { New-PebbleTls $Folder }
    $ports = if ($Reuse) { $Reuse.Ports } else { @{ Acme = Get-FreePort; Management = Get-FreePort; Http = Get-FreePort; Tls = Get-FreePort; Dns = Get-FreePort; ChallManagement = Get-FreePort } }
    $config = @{ pebble = @{
            listenAddress = "127.0.0.1:$($ports.Acme)"; managementListenAddress = "127.0.0.1:$($ports.Management)"
            certificate = (Join-Path $Folder 'tls-cert.pem'); privateKey = (Join-Path $Folder 'tls-key.pem'); httpPort = $ports.Http; tlsPort = $ports.Tls; ocspResponderURL = ''
            externalAccountBindingRequired = [bool]$EabKeys
        } }
    if ($EabKeys) { $config.pebble.externalAccountMACKeys = $EabKeys }
    if ($CertValidity -gt 0) { $config.pebble.certificateValidityPeriod = $CertValidity }
    $configPath = Join-Path $Folder 'pebble-config.json'
    $config | ConvertTo-Json -Depth 4 | Set-Content -Path $configPath

    $chall = $null
    $arguments = @('-config', $configPath)
    if ($RealValidation -and $DnsServer) {
        $arguments += @('-dnsserver', $DnsServer)
    }
    elseif ($RealValidation) {
        $chall = Start-ChallengeServer $Folder $ports
        $arguments += @('-dnsserver', "127.0.0.1:$($ports.Dns)")
    }

    Add-TestCaTrust (Join-Path $Folder 'tls-ca.pem')
    $pebbleEnvironment = @{ PEBBLE_VA_NOSLEEP = $(if ($VaSleep -gt 0) { $null } else { '1' }); PEBBLE_VA_SLEEPTIME = $(if ($VaSleep -gt 0) { "$VaSleep" } else { $null })
        PEBBLE_WFE_NONCEREJECT = "$NonceReject"; PEBBLE_AUTHZREUSE = '0'; PEBBLE_VA_ALWAYS_VALID = $(if ($RealValidation) { $null } else { '1' }) }
    $process = Invoke-WithEnvironment $pebbleEnvironment {
        Start-Process -FilePath pebble -ArgumentList $arguments -PassThru -RedirectStandardOutput (Join-Path $Folder 'pebble.log') -RedirectStandardError (Join-Path $Folder 'pebble.err')
    }
    Wait-Tcp $ports.Acme

    [pscustomobject]@{
        Directory   = "https://127.0.0.1:$($ports.Acme)/dir"
        Folder      = $Folder
        Ports       = $ports
        Process     = $process
        Chall       = $chall
        Environment = Get-PebbleEnvironment $Folder $ports.Http
    }
}

function Stop-TestPebble([object] $Pebble) {
    foreach ($process in @($Pebble.Process, $Pebble.Chall)) {
        if ($process -and -not $process.HasExited) {
            $process.Kill()
            $process.WaitForExit(5000) | Out-Null
        }
    }
    Remove-TestCaTrust (Join-Path $Pebble.Folder 'tls-ca.pem')
}

# The environment of a child that makes requests with a pebble: its own data folder and HOME (on Linux its own
# certificate store), the CA and the example topology in variables the test scripts read, and what pebble needs.
function Get-AcmeEnvironment([object] $Pebble, [hashtable] $Extra = @{}) {
    $environment = @{ CSCERTIFICATE_HOME = (New-TestHome); HOME = (New-ChildHome); CSCERTIFICATE_TEST_CA = $Pebble.Directory
        CSCERTIFICATE_TEST_TOPOLOGY = ($LitwareTopology -join [IO.Path]::PathSeparator) }
    foreach ($source in $Pebble.Environment, $Extra) { foreach ($key in $source.Keys) { $environment[$key] = $source[$key] } }
    return $environment
}

# Starts the test tool FaultProxy (tests/FaultProxy, built by build.ps1 -Task Test) in front of a pebble: the
# module talks to the proxy, which breaks the answers named in the rules file while that file exists.
$script:FaultProxyDll = Join-Path $RepositoryRoot 'out/tools/FaultProxy/FaultProxy.dll'

function Start-FaultProxy([object] $Pebble) {
    $port = Get-FreePort
    $rules = Join-Path $Pebble.Folder "faults-$port.json"
    $process = Start-Process -FilePath dotnet -PassThru -ArgumentList @($FaultProxyDll, '--listen', $port, '--upstream', $Pebble.Ports.Acme,
            '--cert', (Join-Path $Pebble.Folder 'tls-cert.pem'), '--key', (Join-Path $Pebble.Folder 'tls-key.pem'), '--rules', $rules) `
        -RedirectStandardOutput (Join-Path $Pebble.Folder "proxy-$port.log") -RedirectStandardError (Join-Path $Pebble.Folder "proxy-$port.err")
    Wait-Tcp $port
    [pscustomobject]@{ Directory = "https://127.0.0.1:$port/dir"; Rules = $rules; Process = $process; Log = (Join-Path $Pebble.Folder "proxy-$port.log") }
}

function Set-Fault([object] $Proxy, [string] $Path, [string] $Action) {
    ConvertTo-Json -InputObject @(@{ path = $Path; action = $Action }) | Set-Content -Path $Proxy.Rules
}

# Several rules at once: each a hashtable with path and action (and the start and end of a "window").
function Set-FaultRules([object] $Proxy, [hashtable[]] $Rules) {
    ConvertTo-Json -InputObject @($Rules) | Set-Content -Path $Proxy.Rules
}

function Clear-Fault([object] $Proxy) {
    Remove-Item -Path $Proxy.Rules -ErrorAction SilentlyContinue
}

function Stop-FaultProxy([object] $Proxy) {
    if ($Proxy.Process -and -not $Proxy.Process.HasExited) { $Proxy.Process.Kill(); $Proxy.Process.WaitForExit(5000) | Out-Null }
}
