# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

<#
.SYNOPSIS
    Measurement 7: an ACME certificate, whole process to an issued certificate, against the clients people use.

.DESCRIPTION
    Starts BIND (tests/Pester/Bind.ps1: loopback, TSIG key) and pebble validating for real through it
    (tests/Pester/Pebble.ps1), then times fresh processes, each from its start to its exit with the certificate
    issued, for the same nine names (Example 4 of the original cmdlet, a Standard Edition server's Default, internal
    and external web services certificate, plus sip.litwareinc.com): in two zones, litwareinc.com and fabrikam.com.

    - http-01: the module (pwsh -NoProfile -Command "Import-Module ...; Request-CsCertificate -New ..."), Debian's
      certbot (certonly --standalone) and lego (--http), each answering on the port pebble validates.
    - dns-01: the module (-AcmeChallenge Dns01 -DnsServer -DnsKeyPath), certbot with python3-certbot-dns-rfc2136 and
      lego (--dns rfc2136), each adding TXT records to BIND with the TSIG key.

    Each client runs with its defaults (key type, propagation waits), with only what the test bed needs: the server,
    the port, the DNS server and key, and lego's --dns.disable-cp (its propagation check asks the zone's name
    servers on port 53, which the test bed does not serve) and --dns.resolvers. Every run gets a fresh account,
    data folder and certificate store. Within a round the clients run in a rotating order. -Peers 0 times the module
    only (the quick benchmark); -SlowPeerRounds limits the rounds of lego's dns-01, which takes minutes by design.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $ResultPath,
    [Parameter(Mandatory)] [string] $WorkFolder,
    [int] $Rounds = 3,
    [int] $SlowPeerRounds = 1,
    # 0 times the module only (the quick benchmark, which must not need certbot or lego).
    [int] $Peers = 1
)

. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
# The test bed of the dns-01 tests, started with the tests' own helpers.
. (Join-Path $RepositoryRoot 'tests/Pester/Pebble.ps1')
. (Join-Path $RepositoryRoot 'tests/Pester/Bind.ps1')

Reset-WorkFolder $WorkFolder
$missing = if ($PebbleMissing) { $PebbleMissing } else { $BindMissing }
if ($missing) {
    Save-BenchResult ([ordered]@{ Skipped = $missing }) $ResultPath
    return
}

# The names: the module's own, for the request every client makes.
Import-Module $ModuleManifest
$env:CSCERTIFICATE_HOME = Join-Path $WorkFolder 'names-home'
$request = @{} + $ExampleRequest
$request.DomainName = 'sip.litwareinc.com'
$offline = Request-CsCertificate -New @request -KeyAlg ECDH_P256 -Output (Join-Path $WorkFolder 'names.csr')
$names = @(@($offline.Subject -replace '^CN=', '') + @($offline.AlternativeNames) | ForEach-Object { $_.ToLowerInvariant() } | Select-Object -Unique)

$bind = Start-TestBind -Folder (Join-Path $WorkFolder 'bind')
$pebble = Start-TestPebble -Folder (Join-Path $WorkFolder 'pebble') -RealValidation -DnsServer $bind.Server
$secret = [regex]::Match((Get-Content -Raw $bind.KeyFile), 'secret "([^"]+)"').Groups[1].Value
$tlsCa = Join-Path $pebble.Folder 'tls-ca.pem'
$httpPort = $pebble.Ports.Http

$pwsh = @(Get-ChildPowerShell)
$quoted = "'" + ($ModuleManifest -replace "'", "''") + "'"
$topology = ($ExampleTopology | ForEach-Object { "'" + ($_ -replace "'", "''") + "'" }) -join ', '
$moduleCommand = "Import-Module $quoted; `$r = Request-CsCertificate -New -Type Default, WebServicesInternal, WebServicesExternal -ComputerFqdn atl-cs-001.litwareinc.com " +
    "-DomainName sip.litwareinc.com -TopologyPath $topology -CA '$($pebble.Directory)' -WarningAction SilentlyContinue{0}; if (`$r.RequestStatus -ne 'Issued') {{ exit 3 }}"
$dnsArguments = " -AcmeChallenge Dns01 -DnsServer '$($bind.Server)' -DnsKeyPath '$($bind.KeyFile)'"

$run = 0
# A fresh folder for one run of one client.
function New-RunFolder([string] $Client) {
    $script:run++
    $folder = Join-Path $WorkFolder "run-$($script:run)-$Client"
    New-Item -ItemType Directory -Path $folder -Force | Out-Null
    return $folder
}

function Invoke-Module([string] $Challenge) {
    $folder = New-RunFolder "module-$Challenge"
    $environment = @{ CSCERTIFICATE_HOME = (Join-Path $folder 'home'); HOME = $folder; POWERSHELL_TELEMETRY_OPTOUT = '1'; POWERSHELL_UPDATECHECK = 'Off' }
    foreach ($key in $pebble.Environment.Keys) { $environment[$key] = $pebble.Environment[$key] }
    $command = $moduleCommand -f $(if ($Challenge -eq 'dns-01') { $dnsArguments } else { '' })
    (Measure-Process -FilePath $pwsh[0] -ArgumentList (@($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $command)) -Environment $environment).Milliseconds
}

function Invoke-Certbot([string] $Challenge) {
    $folder = New-RunFolder "certbot-$Challenge"
    $arguments = @('certonly', '--non-interactive', '--agree-tos', '--register-unsafely-without-email', '--server', $pebble.Directory,
        '--config-dir', (Join-Path $folder 'config'), '--work-dir', (Join-Path $folder 'work'), '--logs-dir', (Join-Path $folder 'logs'))
    if ($Challenge -eq 'http-01') {
        $arguments += @('--standalone', '--http-01-port', "$httpPort", '--http-01-address', '127.0.0.1')
    }
    else {
        $credentials = Join-Path $folder 'rfc2136.ini'
        Set-Content -Path $credentials -Value @("dns_rfc2136_server = 127.0.0.1", "dns_rfc2136_port = $($bind.Port)", 'dns_rfc2136_name = cscert-test',
            "dns_rfc2136_secret = $secret", 'dns_rfc2136_algorithm = HMAC-SHA256')
        if (-not $IsWindows) { chmod 600 $credentials }
        $arguments += @('--authenticator', 'dns-rfc2136', '--dns-rfc2136-credentials', $credentials)
    }
    foreach ($name in $names) { $arguments += @('-d', $name) }
    (Measure-Process -FilePath 'certbot' -ArgumentList $arguments -Environment @{ REQUESTS_CA_BUNDLE = $tlsCa }).Milliseconds
}

function Invoke-Lego([string] $Challenge) {
    $folder = New-RunFolder "lego-$Challenge"
    $arguments = @('--accept-tos', '--email', 'bench@litwareinc.com', '--server', $pebble.Directory, '--path', $folder)
    foreach ($name in $names) { $arguments += @('--domains', $name) }
    $environment = @{ LEGO_CA_CERTIFICATES = $tlsCa }
    if ($Challenge -eq 'http-01') {
        $arguments += @('--http', '--http.port', "127.0.0.1:$httpPort")
    }
    else {
        $arguments += @('--dns', 'rfc2136', '--dns.disable-cp', '--dns.resolvers', $bind.Server)
        $environment += @{ RFC2136_NAMESERVER = $bind.Server; RFC2136_TSIG_KEY = 'cscert-test'; RFC2136_TSIG_SECRET = $secret; RFC2136_TSIG_ALGORITHM = 'hmac-sha256.' }
    }
    (Measure-Process -FilePath 'lego' -ArgumentList ($arguments + 'run') -Environment $environment).Milliseconds
}

# Which peers can run here.
$available = [ordered]@{}
$versions = [ordered]@{}
$notes = [System.Collections.Generic.List[string]]::new()
if ($Peers -eq 0) {
    $notes.Add('certbot and lego not run (the quick benchmark times the module only)')
}
else {
    if (Get-Command certbot -CommandType Application -ErrorAction SilentlyContinue) {
        $available.Certbot = @('http-01')
        $versions.Certbot = ((& certbot --version 2>&1) -join ' ').Trim()
        $plugins = Join-Path $WorkFolder 'certbot-plugins'
        if (@(& certbot plugins --config-dir $plugins --work-dir $plugins --logs-dir $plugins 2>$null) -match '^\* dns-rfc2136$') { $available.Certbot += 'dns-01' }
        else { $notes.Add('certbot dns-01 not run: its RFC 2136 plugin is not installed (apt-get install python3-certbot-dns-rfc2136)') }
    }
    else {
        $notes.Add('certbot not run: not installed (apt-get install certbot python3-certbot-dns-rfc2136)')
    }
    if (Get-Command lego -CommandType Application -ErrorAction SilentlyContinue) {
        $available.Lego = @('http-01', 'dns-01')
        $versions.Lego = ((& lego --version 2>&1) -join ' ').Trim()
    }
    else {
        $notes.Add('lego not run: not installed (apt-get install lego)')
    }
}

$series = [ordered]@{}
foreach ($challenge in 'http-01', 'dns-01') {
    $series[$challenge] = [ordered]@{ Module = [System.Collections.Generic.List[double]]::new() }
    foreach ($peer in $available.Keys) { if ($available[$peer] -contains $challenge) { $series[$challenge][$peer] = [System.Collections.Generic.List[double]]::new() } }
}

$loadBefore = Get-LoadAverage
try {
    for ($round = 0; $round -lt $Rounds; $round++) {
        foreach ($challenge in 'http-01', 'dns-01') {
            $clients = @($series[$challenge].Keys)
            foreach ($client in Get-RotatedOrder $clients $round) {
                if ($client -eq 'Lego' -and $challenge -eq 'dns-01' -and $round -ge $SlowPeerRounds) { continue }
                Write-Host "  round $($round + 1), $challenge, $client ..." -NoNewline
                $milliseconds = switch ($client) {
                    'Module' { Invoke-Module $challenge }
                    'Certbot' { Invoke-Certbot $challenge }
                    'Lego' { Invoke-Lego $challenge }
                }
                Write-Host (' {0:N1} s' -f ($milliseconds / 1000))
                $series[$challenge][$client].Add($milliseconds)
            }
        }
    }
}
finally {
    Stop-TestPebble $pebble
    Stop-TestBind $bind
}

Save-BenchResult ([ordered]@{
        Names          = $names
        Rounds         = $Rounds
        SlowPeerRounds = $SlowPeerRounds
        Series         = $series
        Versions       = $versions
        Notes          = $notes
        LoadBefore     = $loadBefore
        LoadAfter      = Get-LoadAverage
    }) $ResultPath
