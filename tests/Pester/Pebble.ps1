# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# Starts Debian's pebble ACME server (and pebble-challtestsrv as its DNS) on 127.0.0.1 only, following
# ../shared/tools/start-pebble.sh, with free ports so a leftover server never collides with the next.

$script:PebbleMissing = if ($IsLinux -and (Get-Command pebble -ErrorAction SilentlyContinue) -and (Get-Command openssl -ErrorAction SilentlyContinue)) { $null }
else { 'pebble and openssl are needed for the ACME tests (apt-get install -y pebble openssl; .ci/run installs them).' }

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

# -RealValidation: pebble validates http-01 against the module's responder, resolving every name to 127.0.0.1.
# -EabKeys @{ kid = 'base64url key' }: accounts need External Account Binding.
# -NonceReject: the share of good nonces pebble rejects as badNonce.
# -VaSleep <n>: a slow CA; pebble waits a random 0 to n-1 seconds before each validation (PEBBLE_VA_SLEEPTIME).
function Start-TestPebble {
    param(
        [Parameter(Mandatory)] [string] $Folder,
        [switch] $RealValidation,
        [hashtable] $EabKeys,
        [int] $NonceReject = 0,
        [object] $Reuse,
        [int] $VaSleep = 0
    )

    New-Item -ItemType Directory -Path $Folder -Force | Out-Null
    $tlsCa = Join-Path $Folder 'tls-ca.pem'
    $tlsKey = Join-Path $Folder 'tls-key.pem'
    $bundle = Join-Path $Folder 'ca-bundle.pem'
    if (-not (Test-Path $tlsCa)) {
        & openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout $tlsKey -out $tlsCa -days 7 -subj '/CN=localhost' `
            -addext 'subjectAltName=DNS:localhost,IP:127.0.0.1' 2>$null
        $system = @('/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt') | Where-Object { Test-Path $_ } | Select-Object -First 1
        $text = if ($system) { Get-Content -Raw $system } else { '' }
        Set-Content -Path $bundle -Value ($text + "`n" + (Get-Content -Raw $tlsCa)) -NoNewline
    }

    # A restart keeps the ports, as a real CA keeps its address.
    $ports = if ($Reuse) { $Reuse.Ports } else { @{ Acme = Get-FreePort; Management = Get-FreePort; Http = Get-FreePort; Tls = Get-FreePort; Dns = Get-FreePort; ChallManagement = Get-FreePort } }
    $config = @{ pebble = @{
            listenAddress = "127.0.0.1:$($ports.Acme)"; managementListenAddress = "127.0.0.1:$($ports.Management)"
            certificate = $tlsCa; privateKey = $tlsKey; httpPort = $ports.Http; tlsPort = $ports.Tls; ocspResponderURL = ''
            externalAccountBindingRequired = [bool]$EabKeys
        } }
    if ($EabKeys) { $config.pebble.externalAccountMACKeys = $EabKeys }
    $configPath = Join-Path $Folder 'pebble-config.json'
    $config | ConvertTo-Json -Depth 4 | Set-Content -Path $configPath

    $chall = $null
    $arguments = @('-config', $configPath)
    if ($RealValidation) {
        $chall = Start-Process -FilePath pebble-challtestsrv -PassThru -RedirectStandardOutput (Join-Path $Folder 'chall.log') -RedirectStandardError (Join-Path $Folder 'chall.err') -ArgumentList @(
            '-http01', '""', '-https01', '""', '-tlsalpn01', '""', '-dns01', "127.0.0.1:$($ports.Dns)", '-management', "127.0.0.1:$($ports.ChallManagement)",
            '-defaultIPv4', '127.0.0.1', '-defaultIPv6', '""')
        $arguments += @('-dnsserver', "127.0.0.1:$($ports.Dns)")
    }

    $pebbleEnvironment = @{ PEBBLE_VA_NOSLEEP = $(if ($VaSleep -gt 0) { $null } else { '1' }); PEBBLE_VA_SLEEPTIME = $(if ($VaSleep -gt 0) { "$VaSleep" } else { $null })
        PEBBLE_WFE_NONCEREJECT = "$NonceReject"; PEBBLE_AUTHZREUSE = '0'; PEBBLE_VA_ALWAYS_VALID = $(if ($RealValidation) { $null } else { '1' }) }
    $saved = @{}
    foreach ($key in $pebbleEnvironment.Keys) { $saved[$key] = [Environment]::GetEnvironmentVariable($key); [Environment]::SetEnvironmentVariable($key, $pebbleEnvironment[$key]) }
    try {
        $process = Start-Process -FilePath pebble -ArgumentList $arguments -PassThru -RedirectStandardOutput (Join-Path $Folder 'pebble.log') -RedirectStandardError (Join-Path $Folder 'pebble.err')
    }
    finally {
        foreach ($key in $saved.Keys) { [Environment]::SetEnvironmentVariable($key, $saved[$key]) }
    }
    Wait-Tcp $ports.Acme

    [pscustomobject]@{
        Directory   = "https://127.0.0.1:$($ports.Acme)/dir"
        Folder      = $Folder
        Ports       = $ports
        Process     = $process
        Chall       = $chall
        Environment = @{ SSL_CERT_FILE = $bundle; CSCERTIFICATE_HTTP01_ADDRESS = '127.0.0.1'; CSCERTIFICATE_HTTP01_PORT = "$($ports.Http)" }
    }
}

function Stop-TestPebble([object] $Pebble) {
    foreach ($process in @($Pebble.Process, $Pebble.Chall)) {
        if ($process -and -not $process.HasExited) {
            $process.Kill()
            $process.WaitForExit(5000) | Out-Null
        }
    }
}

# Starts the test tool FaultProxy (tests/FaultProxy, built by build.ps1 -Task Test) in front of a pebble: the
# module talks to the proxy, which breaks the answers named in the rules file while that file exists.
$script:FaultProxyDll = Join-Path $RepositoryRoot 'out/tools/FaultProxy/FaultProxy.dll'

function Start-FaultProxy([object] $Pebble) {
    $port = Get-FreePort
    $rules = Join-Path $Pebble.Folder "faults-$port.json"
    $process = Start-Process -FilePath dotnet -PassThru -ArgumentList @($FaultProxyDll, '--listen', $port, '--upstream', $Pebble.Ports.Acme,
            '--cert', (Join-Path $Pebble.Folder 'tls-ca.pem'), '--key', (Join-Path $Pebble.Folder 'tls-key.pem'), '--rules', $rules) `
        -RedirectStandardOutput (Join-Path $Pebble.Folder "proxy-$port.log") -RedirectStandardError (Join-Path $Pebble.Folder "proxy-$port.err")
    Wait-Tcp $port
    [pscustomobject]@{ Directory = "https://127.0.0.1:$port/dir"; Rules = $rules; Process = $process }
}

function Set-Fault([object] $Proxy, [string] $Path, [string] $Action) {
    ConvertTo-Json -InputObject @(@{ path = $Path; action = $Action }) | Set-Content -Path $Proxy.Rules
}

function Clear-Fault([object] $Proxy) {
    Remove-Item -Path $Proxy.Rules -ErrorAction SilentlyContinue
}

function Stop-FaultProxy([object] $Proxy) {
    if ($Proxy.Process -and -not $Proxy.Process.HasExited) { $Proxy.Process.Kill(); $Proxy.Process.WaitForExit(5000) | Out-Null }
}
