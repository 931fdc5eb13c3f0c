# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# Starts BIND 9 (named) as the DNS of the dns-01 tests, following ../shared/tools/start-bind.sh: on 127.0.0.1 only,
# on a free unprivileged port, with a fresh TSIG key (hmac-sha256, named cscert-test, in <folder>/tsig.key as
# tsig-keygen writes it) that may update every zone but those of -ReadOnlyZone. Every zone answers 127.0.0.1 for
# every name (a wildcard A record), so pebble, resolving through it, reaches the module's http-01 responder too.
# BIND comes from Debian's bind9, bind9-utils and bind9-dnsutils packages (.ci/run and
# tools/Install-TestDependency.ps1 install them on Linux); the tests that need it are skipped elsewhere.

function Get-BindMissingReason {
    if (-not $IsLinux) {
        return 'BIND (named, nsupdate, dig) is installed for the dns-01 tests on Linux only (.ci/run, tools/Install-TestDependency.ps1); the Linux CI job runs them.'
    }
    foreach ($tool in 'named', 'tsig-keygen', 'nsupdate', 'dig') {
        if (-not (Get-Command $tool -CommandType Application -ErrorAction SilentlyContinue)) {
            return "BIND's $tool is needed for the dns-01 tests (apt-get install -y bind9 bind9-utils bind9-dnsutils, as .ci/run does)."
        }
    }
    return $null
}
$script:BindMissing = Get-BindMissingReason

# -Zone: the zones; -ReadOnlyZone: zones the key may not update; -Record @{ zone = 'line of the zone file', ... }:
# records the zone starts with (a challenge CNAME, say); -Port: the port (a free one by default); -Primary: the
# primary server the SOA records name (MNAME; ns.<zone> by default).
function Start-TestBind {
    param(
        [Parameter(Mandatory)] [string] $Folder,
        [string[]] $Zone = @('litwareinc.com', 'fabrikam.com', 'contoso.net'),
        [string[]] $ReadOnlyZone = @(),
        [hashtable] $Record = @{},
        [int] $Port = 0,
        [string] $Primary
    )

    New-Item -ItemType Directory -Path (Join-Path $Folder 'zones') -Force | Out-Null
    $port = if ($Port) { $Port } else { Get-FreePort }
    $keyFile = Join-Path $Folder 'tsig.key'
    Set-Content -Path $keyFile -Value (Invoke-Tool tsig-keygen @('-a', 'hmac-sha256', 'cscert-test')) -NoNewline
    $conf = [System.Collections.Generic.List[string]]::new()
    $conf.Add("include `"$keyFile`";")
    $conf.Add("options { directory `"$Folder`"; listen-on port $port { 127.0.0.1; }; listen-on-v6 { none; }; pid-file `"$Folder/named.pid`";")
    # Recursion for 127.0.0.1, so that a CNAME into another of its zones is followed as a CA's resolver follows it
    # (pebble asks this server directly, and an authoritative-only BIND answers such a CNAME alone).
    $conf.Add("  session-keyfile `"$Folder/session.key`"; recursion yes; allow-recursion { 127.0.0.1; }; dnssec-validation no;")
    $conf.Add("  allow-query { any; }; allow-transfer { key cscert-test; }; };")
    foreach ($name in @($Zone) + @($ReadOnlyZone)) {
        $mname = if ($Primary) { $Primary } else { "ns.$name." }
        $lines = @('$TTL 5', "@ IN SOA $mname hostmaster.$name. ( 1 60 60 600 5 )", "@ IN NS ns.$name.", '@ IN A 127.0.0.1', '* IN A 127.0.0.1') + @($Record[$name] | Where-Object { $_ })
        Set-Content -Path (Join-Path $Folder "zones/$name.db") -Value $lines
        $update = if ($ReadOnlyZone -contains $name) { '' } else { ' allow-update { key cscert-test; };' }
        $conf.Add("zone `"$name`" { type primary; file `"$Folder/zones/$name.db`";$update };")
    }
    Set-Content -Path (Join-Path $Folder 'named.conf') -Value $conf
    $process = Start-Process -FilePath named -ArgumentList @('-g', '-c', (Join-Path $Folder 'named.conf')) -PassThru `
        -RedirectStandardOutput (Join-Path $Folder 'named.out') -RedirectStandardError (Join-Path $Folder 'named.log')
    $bind = [pscustomobject]@{ Folder = $Folder; Port = $port; Server = "127.0.0.1:$port"; KeyFile = $keyFile; Process = $process }
    for ($i = 0; $i -lt 100 -and -not (Get-TestDnsRecord $bind "ns.$($Zone[0])" A); $i++) { Start-Sleep -Milliseconds 100 }
    if (-not (Get-TestDnsRecord $bind "ns.$($Zone[0])" A)) {
        Stop-TestBind $bind
        throw "named did not answer on 127.0.0.1:$port; see $Folder/named.log: $(Get-Content -Raw (Join-Path $Folder 'named.log'))"
    }
    return $bind
}

function Stop-TestBind([object] $Bind) {
    if ($Bind.Process -and -not $Bind.Process.HasExited) {
        $Bind.Process.Kill()
        $Bind.Process.WaitForExit(5000) | Out-Null
    }
}

# What the server answers for a name, as dig +short prints it (TXT values without their quotes).
function Get-TestDnsRecord([object] $Bind, [string] $Name, [string] $Type = 'TXT') {
    $text = Invoke-Tool dig @('+short', '+norec', '+time=2', '+tries=2', '-p', "$($Bind.Port)", '@127.0.0.1', $Name, $Type) -AnyExitCode
    @($text -split "`n" | ForEach-Object { $_.Trim().Trim('"') } | Where-Object { $_ -and $_ -notmatch '^;;' })
}

# Every TXT record the zones hold at _acme-challenge names, as "name value" lines (a zone transfer of each zone).
function Get-AcmeChallengeRecord([object] $Bind, [string[]] $Zone = @('litwareinc.com', 'fabrikam.com', 'contoso.net')) {
    foreach ($name in $Zone) {
        $transfer = Invoke-Tool dig @('-p', "$($Bind.Port)", '@127.0.0.1', '-y', (Get-TsigDigKey $Bind), $name, 'AXFR', '+nocmd', '+nostats') -AnyExitCode
        $transfer -split "`n" | Where-Object { $_ -match '\sTXT\s' -and ($_ -match '_acme-challenge' -or $_ -match '^\S+\.acme\.') } | ForEach-Object { ($_ -split '\s+')[0] + ' ' + ($_ -split '\s+')[-1] }
    }
}

# The key as dig -y takes it: algorithm:name:secret.
function Get-TsigDigKey([object] $Bind) {
    $text = Get-Content -Raw $Bind.KeyFile
    $secret = [regex]::Match($text, 'secret "([^"]+)"').Groups[1].Value
    "hmac-sha256:cscert-test:$secret"
}

function Invoke-TestNsUpdate([object] $Bind, [string[]] $Command) {
    $file = Join-Path $Bind.Folder "nsupdate-$([guid]::NewGuid().ToString('N')).txt"
    Set-Content -Path $file -Value (@("server 127.0.0.1 $($Bind.Port)") + $Command + 'send')
    Invoke-Tool nsupdate @('-k', $Bind.KeyFile, $file) | Out-Null
}
