# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# Invalid invocations, each with its exact FullyQualifiedErrorId, and the promise that none of them writes
# anything: not to the store, not to -Output, not to -Report.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    $script:Odd = Join-Path $TestDrive 'odd [dir] ë'
    New-Item -ItemType Directory -Path $Odd | Out-Null
    $script:Malformed = Join-Path $Odd 'malformed topology.xml'
    Set-Content -LiteralPath $Malformed -Value '<Topology xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008"><InternalDomains>'
    $script:Dtd = Join-Path $Odd 'dtd.xml'
    Set-Content -LiteralPath $Dtd -Value "<!DOCTYPE Topology [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>`n<Topology>&x;</Topology>"
    $script:Odd64 = Join-Path $TestDrive 'odd64.xml'
    $pool = ('p' * (65 - '.litwareinc.com'.Length)) + '.litwareinc.com'
    (Get-Content -Raw $LitwareTopology[0]).Replace('Fqdn="atl-cs-001.litwareinc.com">', "Fqdn=`"$pool`">") | Set-Content -Path $Odd64
    $script:Wildcard = Join-Path $TestDrive 'wildcard-edge.xml'
    (Get-Content -Raw $LitwareTopology[0]).Replace('ConfiguredFqdn="ap.litwareinc.com"', 'ConfiguredFqdn="*.litwareinc.com"') | Set-Content -Path $Wildcard
    $script:Junk = Join-Path $Odd 'junk.cer'
    [IO.File]::WriteAllBytes($Junk, [byte[]](1..200 | ForEach-Object { $_ % 256 }))
    $script:Csr = Join-Path $Odd 'request.csr'
    Invoke-OpenSsl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout (Join-Path $TestDrive 'r.key') -out $Csr -subj '/CN=x.litwareinc.com' | Out-Null
    $script:Huge = ((1..600) | ForEach-Object { "name$_.litwareinc.com" }) -join ','
    $script:Unwritable = if ($IsWindows) { $null } else { '/proc' }
    $script:Ca = New-TestCa 'bad-ca'
    # dns-01: a key file as tsig-keygen writes it, one with an algorithm the module does not sign with, a script.
    $script:DnsKey = Join-Path $Odd 'tsig.key'
    Set-Content -LiteralPath $DnsKey -Value "key `"cscert-test`" {`n`talgorithm hmac-sha256;`n`tsecret `"q+1N2erNe1vnl6kewqJ/rXWEx6FnYVKAmoZkgy3SoI8=`";`n};"
    $script:Sha224Key = Join-Path $Odd 'sha224.key'
    Set-Content -LiteralPath $Sha224Key -Value "key `"cscert-test`" {`n`talgorithm hmac-sha224;`n`tsecret `"q+1N2erNe1vnl6kewqJ/rXWEx6FnYVKAmoZkgy3SoI8=`";`n};"
    $script:DnsScript = Join-Path $Odd 'Set-AcmeTxt.ps1'
    Set-Content -LiteralPath $DnsScript -Value 'param($Action, $Name, $Value)'
    $script:AcmeCa = 'https://acme.litwareinc.com/directory'
    $strangerCsr = Join-Path $TestDrive 'stranger.csr'
    Invoke-OpenSsl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout (Join-Path $TestDrive 'stranger.key') -out $strangerCsr -subj '/CN=stranger.litwareinc.com' | Out-Null
    $script:Stranger = New-IssuedCertificate $Ca $strangerCsr 'stranger'

    # Stores an offline request (id 1) in the current data folder, and returns the file to import for it: a
    # certificate made as $Seed says, with the request's key file deleted or damaged for the key cases.
    function New-SeededRequest([string] $Seed) {
        $name = "seed-$([guid]::NewGuid().ToString('N'))"
        $csr = Join-Path $TestDrive "$name.csr"
        $request = Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $LitwareTopology -Output $csr -KeyAlg ECDH_P256 -WarningAction SilentlyContinue
        $storeHome = $env:CSCERTIFICATE_HOME
        $key = Join-Path $storeHome ('keys/{0:D6}.key' -f $request.RequestId)
        $record = Join-Path $storeHome ('requests/{0:D6}.json' -f $request.RequestId)
        $certificate = switch ($Seed) {
            'expired' { New-IssuedCertificate $Ca $csr $name -StartDate '200101000000Z' -EndDate '211231000000Z' }
            'future' { New-IssuedCertificate $Ca $csr $name -StartDate '300101000000Z' -EndDate '310101000000Z' }
            'names' { New-IssuedCertificate $Ca (New-RemadeCsr $storeHome $request.RequestId '/CN=wrong.example.com' @() "$name-remade") $name }
            default { New-IssuedCertificate $Ca $csr $name }
        }
        if ($Seed -like '*no key*') { Remove-Item $key }
        if ($Seed -eq 'bad key') { Set-Content -Path $key -Value 'not a key' }
        if ($Seed -like 'issued elsewhere*') {
            # Issued as far as the store knows, with a certificate that no store on this machine holds.
            $exportable = if ($Seed -like '*not exportable') { 'false' } else { 'true' }
            (Get-Content -Raw $record).Replace('"status": "Offline",', "`"status`": `"Issued`", `"thumbprint`": `"$('0' * 40)`",").Replace('"privateKeyExportable": false', "`"privateKeyExportable`": $exportable") |
                Set-Content -Path $record -NoNewline
        }
        elseif ($Seed -like 'issued*') {
            # As Import-CsCertificate leaves it, without putting a certificate in this process's store.
            $issued = '"status": "Issued", "thumbprint": "0123456789ABCDEF0123456789ABCDEF01234567", "notBefore": "2026-01-01T00:00:00.0000000Z", "notAfter": "2026-04-01T00:00:00.0000000Z",'
            $text = (Get-Content -Raw $record).Replace('"status": "Offline",', $issued)
            if ($Seed -eq 'issued, AD CS account') {
                $text = ($text -replace '"outputPath": "[^"]*",', '').Replace('"status": "Issued",', '"status": "Issued", "ca": "atl-ca-001.litwareinc.com\\myca", "caAccount": "LITWARE\\svc-cert",')
            }
            Set-Content -Path $record -Value $text -NoNewline
        }
        if ($Seed -like 'pending*') {
            (Get-Content -Raw $record).Replace('"status": "Offline",', '"status": "Pending", "ca": "https://acme.invalid/directory",') | Set-Content -Path $record -NoNewline
        }
        return $certificate
    }

    # Every file below a folder with a hash of its content, for "nothing was changed" assertions.
    function Get-FileState([string] $Path) {
        Get-WrittenFile $Path | Sort-Object | ForEach-Object { "$_ $((Get-FileHash -LiteralPath $_).Hash)" }
    }
    # Special files in the test's own folder, and a copy of the topology that a refused write could only harm.
    $script:SpecialFolder = Join-Path $TestDrive 'special'
    New-Item -ItemType Directory -Path $SpecialFolder | Out-Null
    $script:SpecialMissing = @{}
    foreach ($kind in 'character device', 'fifo', 'socket') {
        $reason = New-SpecialFile (Join-Path $SpecialFolder ($kind -replace ' ', '-')) $kind
        if ($reason) { $SpecialMissing[$kind] = $reason }
    }
    $script:TopologyCopy = Join-Path $TestDrive 'copy'
    New-Item -ItemType Directory -Path $TopologyCopy | Out-Null
    $LitwareTopology | ForEach-Object { Copy-Item $_ -Destination $TopologyCopy }
    $script:ExistingReport = Join-Path $TestDrive 'existing-report.html'
    Set-Content -Path $ExistingReport -Value 'an earlier report'
    $script:ExistingTwin = Join-Path $TestDrive 'existing-twin.xml'
    Set-Content -Path $ExistingTwin -Value 'an earlier report'
}

Describe 'Invalid invocations' {
    BeforeEach {
        $dataHome = New-TestHome
        $output = Join-Path $TestDrive "out-$([guid]::NewGuid().ToString('N')).csr"
        $report = Join-Path $TestDrive "report-$([guid]::NewGuid().ToString('N')).html"
    }

    It '<Case>: <ErrorId>' -ForEach @(
        # Names
        @{ Case = 'an underscore in -ComputerFqdn'; ErrorId = 'CannotConvertArgumentNoMessage'; New = @{ ComputerFqdn = 'atl_cs_001.litwareinc.com' } }
        @{ Case = 'an IDN -ComputerFqdn'; ErrorId = 'CannotConvertArgumentNoMessage'; New = @{ ComputerFqdn = 'atl-cs-ö01.litwareinc.com' } }
        @{ Case = 'a leading hyphen in -ComputerFqdn'; ErrorId = 'CannotConvertArgumentNoMessage'; New = @{ ComputerFqdn = '-atl.litwareinc.com' } }
        @{ Case = 'an empty label in -ComputerFqdn'; ErrorId = 'CannotConvertArgumentNoMessage'; New = @{ ComputerFqdn = 'atl..litwareinc.com' } }
        @{ Case = 'a wildcard -ComputerFqdn'; ErrorId = 'CannotConvertArgumentNoMessage'; New = @{ ComputerFqdn = '*.litwareinc.com' } }
        @{ Case = 'a 64-character label in -ComputerFqdn'; ErrorId = 'CannotConvertArgumentNoMessage'; New = @{ ComputerFqdn = ('a' * 64) + '.litwareinc.com' } }
        @{ Case = 'a space in -GlobalCatalog'; ErrorId = 'CannotConvertArgumentNoMessage'; New = @{ GlobalCatalog = 'dc 01.litwareinc.com' } }
        @{ Case = 'an underscore in -GlobalSettingsDomainController'; ErrorId = 'CannotConvertArgumentNoMessage'; New = @{ GlobalSettingsDomainController = 'dc_01' } }
        @{ Case = 'an unknown computer'; ErrorId = 'ComputerNotInTopology'; New = @{ ComputerFqdn = 'nobody.litwareinc.com' } }
        @{ Case = 'an IDN in -DomainName'; ErrorId = 'InternationalizedName'; New = @{ DomainName = 'bücher.litwareinc.com' } }
        @{ Case = 'a wildcard inside a label'; ErrorId = 'InvalidDomainName'; New = @{ DomainName = 'meet*.litwareinc.com' } }
        @{ Case = 'a wildcard over a top-level domain'; ErrorId = 'InvalidDomainName'; New = @{ DomainName = '*.com' } }
        @{ Case = 'a space in -DomainName'; ErrorId = 'InvalidDomainName'; New = @{ DomainName = 'meet litwareinc.com' } }
        @{ Case = 'a URL in -DomainName'; ErrorId = 'InvalidDomainName'; New = @{ DomainName = 'https://meet.litwareinc.com' } }
        @{ Case = 'a 254-character name'; ErrorId = 'InvalidDomainName'; New = @{ DomainName = ((1..4 | ForEach-Object { 'a' * 62 }) -join '.') + '.com' } }
        @{ Case = 'a huge -DomainName list'; ErrorId = 'InvalidDomainName'; New = @{ DomainName = '{HUGE}' } }
        @{ Case = 'an IPv4 address in -DomainName'; ErrorId = 'InvalidDomainName'; New = @{ DomainName = 'meet.litwareinc.com,10.0.0.1' } }
        @{ Case = 'an IPv6 address in brackets in -DomainName'; ErrorId = 'InvalidDomainName'; New = @{ DomainName = '[2001:db8::1]' } }
        @{ Case = 'a 65-character Subject CN'; ErrorId = 'InvalidSubjectName'; New = @{ TopologyPath = '{ODD64}' } }
        @{ Case = 'a wildcard Subject CN'; ErrorId = 'InvalidSubjectName'; New = @{ TopologyPath = '{WILDCARD}'; ComputerFqdn = 'atl-edge-001'; Type = 'AccessEdgeExternal' } }
        # Types and keys
        @{ Case = 'an unknown -Type'; ErrorId = 'CannotConvertArgumentNoMessage'; New = @{ Type = 'NotAType' } }
        @{ Case = 'PICWebService'; ErrorId = 'CertTypeNotSupported'; New = @{ Type = 'PICWebService' } }
        @{ Case = 'ProvisionService'; ErrorId = 'CertTypeNotSupported'; New = @{ Type = 'ProvisionService' } }
        @{ Case = 'a type the role does not need'; ErrorId = 'CertTypeNotApplicable'; New = @{ Type = 'Internal' } }
        @{ Case = 'types with different Subject names'; ErrorId = 'SubjectNameMismatch'; New = @{ Type = 'Default', 'OAuthTokenIssuer' } }
        @{ Case = '-KeySize with ECDH_P256'; ErrorId = 'KeySizeNotApplicable'; New = @{ KeyAlg = 'ECDH_P256'; KeySize = 2048 } }
        @{ Case = '-KeySize with ECDH_P521'; ErrorId = 'KeySizeNotApplicable'; New = @{ KeyAlg = 'ECDH_P521'; KeySize = 4096 } }
        @{ Case = '-KeySize 3072'; ErrorId = 'ParameterArgumentValidationError'; New = @{ KeySize = 3072 } }
        @{ Case = 'an unknown -KeyAlg'; ErrorId = 'CannotConvertArgumentNoMessage'; New = @{ KeyAlg = 'DSA' } }
        # Subject attributes
        @{ Case = 'a three-letter -Country'; ErrorId = 'InvalidCountry'; New = @{ Country = 'USA' } }
        @{ Case = 'an unassigned -Country'; ErrorId = 'InvalidCountry'; New = @{ Country = 'XX' } }
        @{ Case = 'a 65-character -Organization'; ErrorId = 'InvalidSubjectAttribute'; New = @{ Organization = 'O' * 65 } }
        @{ Case = 'a control character in -OU'; ErrorId = 'InvalidSubjectAttribute'; New = @{ OU = "IT`u{0007}" } }
        @{ Case = 'a NUL in -FriendlyName'; ErrorId = 'InvalidFriendlyName'; New = @{ FriendlyName = "Pool`u{0000}certificate" } }
        @{ Case = 'a line break in -FriendlyName'; ErrorId = 'InvalidFriendlyName'; New = @{ FriendlyName = "Pool`ncertificate" } }
        @{ Case = 'a 257-character -FriendlyName'; ErrorId = 'InvalidFriendlyName'; New = @{ FriendlyName = 'f' * 257 } }
        # Certification authorities
        @{ Case = 'a -CA in neither form'; ErrorId = 'InvalidCaName'; New = @{ CA = 'atl-ca-001.litwareinc.com'; Output = $null } }
        @{ Case = 'an http:// ACME directory'; ErrorId = 'InvalidCaName'; New = @{ CA = 'http://acme.litwareinc.com/directory'; Output = $null } }
        @{ Case = 'an ftp:// -CA'; ErrorId = 'InvalidCaName'; New = @{ CA = 'ftp://acme.litwareinc.com/directory'; Output = $null } }
        @{ Case = 'a config string without a host'; ErrorId = 'InvalidCaName'; New = @{ CA = '\myca'; Output = $null } }
        @{ Case = 'AD CS off Windows'; ErrorId = 'CaNotSupportedOnPlatform'; New = @{ CA = 'atl-ca-001.litwareinc.com\myca'; Output = $null }; NotOnWindows = $true }
        @{ Case = '-CaAccount without -CaPassword'; ErrorId = 'InvalidCaAccount'; New = @{ CA = 'https://acme.litwareinc.com/directory'; CaAccount = 'kid-1'; Output = $null } }
        @{ Case = '-CaPassword that is no base64url EAB key'; ErrorId = 'InvalidCaPassword'; New = @{ CA = 'https://acme.litwareinc.com/directory'; CaAccount = 'kid-1'; CaPassword = 'not a base64url key!'; Output = $null } }
        @{ Case = '-CaPassword in standard base64'; ErrorId = 'InvalidCaPassword'; New = @{ CA = 'https://acme.litwareinc.com/directory'; CaAccount = 'kid-1'; CaPassword = 'zWNDZM6eQGHW+pSRTPal5eIU/FTu7EajV=='; Output = $null } }
        @{ Case = 'neither -CA nor -Output'; ErrorId = 'CaNotSpecified'; New = @{ Output = $null } }
        @{ Case = 'a bad $env:CSCERTIFICATE_ACME_WAIT'; ErrorId = 'InvalidSetting'; New = @{ CA = 'https://acme.litwareinc.com/directory'; Output = $null }; Variable = @{ CSCERTIFICATE_ACME_WAIT = 'soon' } }
        # ACME challenges: dns-01
        @{ Case = '-DnsServer without -AcmeChallenge Dns01'; ErrorId = 'DnsParameterNeedsDns01'; New = @{ CA = '{ACME}'; Output = $null; DnsServer = '127.0.0.1' } }
        @{ Case = '-DnsScript with -AcmeChallenge Http01'; ErrorId = 'DnsParameterNeedsDns01'; New = @{ CA = '{ACME}'; Output = $null; AcmeChallenge = 'Http01'; DnsScript = '{DNSSCRIPT}' } }
        @{ Case = '-AcmeChallenge Dns01 with -Output'; ErrorId = 'AcmeChallengeNotApplicable'; New = @{ AcmeChallenge = 'Dns01'; DnsServer = '127.0.0.1' } }
        @{ Case = '-AcmeChallenge Dns01 to an AD CS CA'; ErrorId = 'AcmeChallengeNotApplicable'; New = @{ CA = 'atl-ca-001.litwareinc.com\myca'; Output = $null; AcmeChallenge = 'Dns01'; DnsServer = '127.0.0.1' } }
        @{ Case = '-AcmeChallenge Dns01 without a way to add the records'; ErrorId = 'DnsUpdateMethodMissing'; New = @{ CA = '{ACME}'; Output = $null; AcmeChallenge = 'Dns01' } }
        @{ Case = '-DnsScript with -DnsServer'; ErrorId = 'DnsUpdateMethodConflict'; New = @{ CA = '{ACME}'; Output = $null; AcmeChallenge = 'Dns01'; DnsScript = '{DNSSCRIPT}'; DnsServer = '127.0.0.1' } }
        @{ Case = '-DnsScript with -DnsKeyPath'; ErrorId = 'DnsUpdateMethodConflict'; New = @{ CA = '{ACME}'; Output = $null; AcmeChallenge = 'Dns01'; DnsScript = '{DNSSCRIPT}'; DnsKeyPath = '{DNSKEY}' } }
        @{ Case = 'a -DnsServer that is a URL'; ErrorId = 'InvalidDnsServer'; New = @{ CA = '{ACME}'; Output = $null; AcmeChallenge = 'Dns01'; DnsServer = 'https://ns1.litwareinc.com' } }
        @{ Case = 'a -DnsServer with port 0'; ErrorId = 'InvalidDnsServer'; New = @{ CA = '{ACME}'; Output = $null; AcmeChallenge = 'Dns01'; DnsServer = 'ns1.litwareinc.com:0' } }
        @{ Case = 'a -DnsKeyPath that does not exist'; ErrorId = 'DnsKeyFileNotFound'; New = @{ CA = '{ACME}'; Output = $null; AcmeChallenge = 'Dns01'; DnsKeyPath = '{ODD}/none.key' } }
        @{ Case = 'a -DnsKeyPath that holds no key'; ErrorId = 'DnsKeyInvalid'; New = @{ CA = '{ACME}'; Output = $null; AcmeChallenge = 'Dns01'; DnsKeyPath = '{JUNK}' } }
        @{ Case = 'a -DnsKeyPath with an hmac-sha224 key'; ErrorId = 'DnsKeyInvalid'; New = @{ CA = '{ACME}'; Output = $null; AcmeChallenge = 'Dns01'; DnsKeyPath = '{SHA224KEY}' } }
        @{ Case = 'a -DnsKeyPath that is a FIFO'; ErrorId = 'DnsKeyInvalid'; New = @{ CA = '{ACME}'; Output = $null; AcmeChallenge = 'Dns01'; DnsKeyPath = '{SPECIAL}/fifo' }; Special = 'fifo' }
        @{ Case = 'a -DnsScript that does not exist'; ErrorId = 'DnsScriptNotFound'; New = @{ CA = '{ACME}'; Output = $null; AcmeChallenge = 'Dns01'; DnsScript = '{ODD}/none.ps1' } }
        @{ Case = 'a -DnsScript that is not a .ps1 file'; ErrorId = 'DnsScriptNotFound'; New = @{ CA = '{ACME}'; Output = $null; AcmeChallenge = 'Dns01'; DnsScript = '{JUNK}' } }
        @{ Case = 'a wildcard with http-01 to an ACME CA'; ErrorId = 'AcmeWildcardNeedsDns01'; New = @{ CA = '{ACME}'; Output = $null; Type = 'XmppServer'; ComputerFqdn = 'atl-edge-001' } }
        @{ Case = 'a bad $env:CSCERTIFICATE_DNS_RESOLVER'; ErrorId = 'InvalidSetting'; New = @{ CA = '{ACME}'; Output = $null; AcmeChallenge = 'Dns01'; DnsKeyPath = '{DNSKEY}' }; Variable = @{ CSCERTIFICATE_DNS_RESOLVER = 'not a server!' } }
        # Files and paths
        @{ Case = '-Output in a folder that does not exist'; ErrorId = 'OutputDirectoryNotFound'; New = @{ Output = '{ODD}/missing [x]/r.csr' } }
        @{ Case = '-Output that is a folder'; ErrorId = 'OutputNotRegularFile'; New = @{ Output = '{ODD}' } }
        @{ Case = '-Output that is a character device, with -Force'; ErrorId = 'OutputNotRegularFile'; New = @{ Output = '{SPECIAL}/character-device'; Force = $true }; Special = 'character device' }
        @{ Case = '-Output that is a FIFO, with -Force'; ErrorId = 'OutputNotRegularFile'; New = @{ Output = '{SPECIAL}/fifo'; Force = $true }; Special = 'fifo' }
        @{ Case = '-Output that is a socket, with -Force'; ErrorId = 'OutputNotRegularFile'; New = @{ Output = '{SPECIAL}/socket'; Force = $true }; Special = 'socket' }
        @{ Case = '-Output on the Env: drive'; ErrorId = 'OutputNotWritable'; New = @{ Output = 'Env:\CSCERTIFICATE_BAD_OUTPUT' } }
        @{ Case = '-Output that is the topology, with -Force'; ErrorId = 'PathConflict'; New = @{ Output = '{COPY}/litwareinc-topology.xml'; TopologyPath = '{COPY}/litwareinc-topology.xml'; Force = $true } }
        @{ Case = '-Output and -Report that are one file'; ErrorId = 'PathConflict'; New = @{ Output = '{ODD}/same.html'; Report = '{ODD}/same.html' } }
        @{ Case = '-Output where nothing can be written'; ErrorId = 'OutputNotWritable'; New = @{ Output = '{UNWRITABLE}/r.csr' }; NotOnWindows = $true }
        @{ Case = '-Report in a folder that does not exist'; ErrorId = 'ReportNotWritable'; New = @{ Report = '{ODD}/missing/report.html' } }
        @{ Case = '-Report that is a folder'; ErrorId = 'ReportNotRegularFile'; New = @{ Report = '{ODD}' } }
        @{ Case = '-Report that is a FIFO, with -Force'; ErrorId = 'ReportNotRegularFile'; New = @{ Report = '{SPECIAL}/fifo'; Force = $true }; Special = 'fifo' }
        @{ Case = '-Report on the Function: drive'; ErrorId = 'ReportNotWritable'; New = @{ Report = 'Function:\cscertificate-bad-report' } }
        @{ Case = '-Report whose XML twin is the topology'; ErrorId = 'PathConflict'; New = @{ Report = '{COPY}/litwareinc-topology.html'; TopologyPath = '{COPY}/litwareinc-topology.xml'; Force = $true } }
        @{ Case = 'an existing -Report without -Force'; ErrorId = 'ReportExists'; New = @{ Report = '{EXISTINGREPORT}' } }
        @{ Case = 'an existing XML twin of -Report without -Force'; ErrorId = 'ReportExists'; New = @{ Report = '{EXISTINGTWIN}' } }
        @{ Case = '-Report where nothing can be written'; ErrorId = 'ReportNotWritable'; New = @{ Report = '{UNWRITABLE}/report.html' }; NotOnWindows = $true }
        @{ Case = 'a -TopologyPath that does not exist'; ErrorId = 'TopologyFileNotFound'; New = @{ TopologyPath = '{ODD}/nö such*file?.xml' } }
        @{ Case = 'a malformed topology'; ErrorId = 'TopologyInvalid'; New = @{ TopologyPath = '{MALFORMED}' } }
        @{ Case = 'a topology with a DTD'; ErrorId = 'TopologyInvalid'; New = @{ TopologyPath = '{DTD}' } }
        @{ Case = 'a -TopologyPath that is a character device'; ErrorId = 'TopologyFileNotRegular'; New = @{ TopologyPath = '{SPECIAL}/character-device' }; Special = 'character device' }
        @{ Case = 'a -TopologyPath that is a folder'; ErrorId = 'TopologyFileNotRegular'; New = @{ TopologyPath = '{ODD}' } }
        # Requests
        @{ Case = '-List of an unknown -RequestId'; ErrorId = 'RequestNotFound'; Other = @{ List = $true; RequestId = 9999 } }
        @{ Case = '-Retrieve of an unknown -RequestId'; ErrorId = 'RequestNotFound'; Other = @{ Retrieve = $true; RequestId = 9999 } }
        @{ Case = '-Clear of an unknown -RequestId'; ErrorId = 'RequestNotFound'; Other = @{ Clear = $true; RequestId = 9999; Confirm = $false } }
        @{ Case = '-Clear of a negative -RequestId'; ErrorId = 'RequestNotFound'; Other = @{ Clear = $true; RequestId = -1; Confirm = $false } }
        # Import
        @{ Case = 'Import of a file that does not exist'; ErrorId = 'CertificateFileNotFound'; Import = '{ODD}/none.cer' }
        @{ Case = 'Import of a request'; ErrorId = 'CertificateResponseInvalid'; Import = '{CSR}' }
        @{ Case = 'Import of random bytes'; ErrorId = 'CertificateResponseInvalid'; Import = '{JUNK}' }
        @{ Case = 'Import of a certificate no stored request has the key of'; ErrorId = 'CertificateNotRequested'; Import = '{STRANGER}' }
        @{ Case = 'Import of a CA certificate'; ErrorId = 'CertificateNotRequested'; Import = '{CA}' }
        @{ Case = 'Import of an expired certificate'; ErrorId = 'CertificateExpired'; Import = '{SEEDED}'; Seed = 'expired' }
        @{ Case = 'Import of a certificate valid from 2030'; ErrorId = 'CertificateNotYetValid'; Import = '{SEEDED}'; Seed = 'future' }
        @{ Case = 'Import of a certificate without the names of its request'; ErrorId = 'CertificateNamesMissing'; Import = '{SEEDED}'; Seed = 'names' }
        @{ Case = 'Import for a request whose key file is gone'; ErrorId = 'RequestKeyMissing'; Import = '{SEEDED}'; Seed = 'no key' }
        @{ Case = 'Import for a request whose key file is damaged'; ErrorId = 'RequestKeyUnreadable'; Import = '{SEEDED}'; Seed = 'bad key' }
        @{ Case = '-Retrieve of a request whose key file is gone'; ErrorId = 'RequestKeyMissing'; Other = @{ Retrieve = $true; RequestId = 1 }; Seed = 'pending, no key' }
        @{ Case = 'Import with -Report on the file it imports'; ErrorId = 'PathConflict'; Import = '{ODD}/issued.xml'; ImportReport = '{ODD}/issued.html' }
        # The data folder
        @{ Case = 'a data folder another user owns'; ErrorId = 'StoreNotOwned'; New = @{}; DataFolder = 'OtherOwner' }
        @{ Case = 'a keys folder that links out of the data folder'; ErrorId = 'StoreFolderUnsafe'; New = @{}; DataFolder = 'KeysLink' }
        @{ Case = 'a store that gave out request id 2147483647'; ErrorId = 'StoreIdsExhausted'; New = @{}; DataFolder = 'Full' }
        @{ Case = '-Clear -OrphanedKey with -RequestId'; ErrorId = 'OrphanedKeyWithRequestId'; Other = @{ Clear = $true; OrphanedKey = $true; RequestId = 1; Confirm = $false } }
        # Export-CsCertificate
        @{ Case = 'Export of an unknown -RequestId'; ErrorId = 'RequestNotFound'; Export = @{ RequestId = 9999; Path = '{ODD}/x.pfx'; Password = 'pw' } }
        @{ Case = 'Export of an Offline request'; ErrorId = 'ExportRequestNotIssued'; Export = @{ RequestId = 1; Path = '{ODD}/x.pfx'; Password = 'pw' }; Seed = 'offline' }
        @{ Case = 'Export with an empty -Password'; ErrorId = 'ExportPasswordEmpty'; Export = @{ RequestId = 1; Path = '{ODD}/x.pfx'; Password = '' }; Seed = 'issued elsewhere' }
        @{ Case = 'Export with an empty -Password for the PEM key'; ErrorId = 'ExportPasswordEmpty'; Export = @{ RequestId = 1; Path = '{ODD}/x.pem'; KeyPath = '{ODD}/x.key'; Password = '' }; Seed = 'issued elsewhere' }
        @{ Case = 'Export of a certificate that is not in the store'; ErrorId = 'ExportCertificateNotFound'; Export = @{ RequestId = 1; Path = '{ODD}/x.pfx'; Password = 'pw' }; Seed = 'issued elsewhere' }
        @{ Case = 'Export of a non-exportable key on Windows'; ErrorId = 'ExportKeyNotExportable'; Export = @{ RequestId = 1; Path = '{ODD}/x.pfx'; Password = 'pw' }; Seed = 'issued elsewhere, not exportable'; OnlyOnWindows = $true }
        @{ Case = 'Export -Path in a folder that does not exist'; ErrorId = 'ExportFolderNotFound'; Export = @{ RequestId = 1; Path = '{ODD}/missing [x]/x.pfx'; Password = 'pw' }; Seed = 'issued elsewhere' }
        @{ Case = 'Export -KeyPath in a folder that does not exist'; ErrorId = 'ExportKeyFolderNotFound'; Export = @{ RequestId = 1; Path = '{ODD}/x.pem'; KeyPath = '{ODD}/missing/x.key' }; Seed = 'issued elsewhere' }
        @{ Case = 'Export -Path that is a FIFO, with -Force'; ErrorId = 'ExportFileNotRegular'; Export = @{ RequestId = 1; Path = '{SPECIAL}/fifo'; Password = 'pw'; Force = $true }; Seed = 'issued elsewhere'; Special = 'fifo' }
        @{ Case = 'Export -KeyPath that is a character device, with -Force'; ErrorId = 'ExportKeyFileNotRegular'; Export = @{ RequestId = 1; Path = '{ODD}/x.pem'; KeyPath = '{SPECIAL}/character-device'; Force = $true }; Seed = 'issued elsewhere'; Special = 'character device' }
        @{ Case = 'Export -Path on the Env: drive'; ErrorId = 'ExportFileNotWritable'; Export = @{ RequestId = 1; Path = 'Env:\CSCERTIFICATE_BAD_EXPORT'; Password = 'pw' }; Seed = 'issued elsewhere' }
        @{ Case = 'Export -KeyPath where nothing can be written'; ErrorId = 'ExportKeyFileNotWritable'; Export = @{ RequestId = 1; Path = '{ODD}/x.pem'; KeyPath = '{UNWRITABLE}/x.key' }; Seed = 'issued elsewhere'; NotOnWindows = $true }
        @{ Case = 'Export -Path and -KeyPath that are one file'; ErrorId = 'PathConflict'; Export = @{ RequestId = 1; Path = '{ODD}/x.pem'; KeyPath = '{ODD}/x.pem' }; Seed = 'issued elsewhere' }
        @{ Case = 'Export -Path and -Report that are one file'; ErrorId = 'PathConflict'; Export = @{ RequestId = 1; Path = '{ODD}/same.html'; Password = 'pw'; Report = '{ODD}/same.html' }; Seed = 'issued elsewhere' }
        # Renewal
        @{ Case = 'Update of an unknown -RequestId'; ErrorId = 'RequestNotFound'; Update = @{ RequestId = 9999; Force = $true } }
        @{ Case = 'Update of a request that is not Issued'; ErrorId = 'RequestNotRenewable'; Update = @{ RequestId = 1; Force = $true }; Seed = 'offline' }
        @{ Case = 'Update with a -TopologyPath that does not exist'; ErrorId = 'TopologyFileNotFound'; Update = @{ RequestId = 1; Force = $true; TopologyPath = '{ODD}/nö such*file?.xml' }; Seed = 'issued' }
        @{ Case = 'Update of a request made with an AD CS account, whose password is not stored'; ErrorId = 'RenewalNeedsCredentials'; Update = @{ Force = $true }; Seed = 'issued, AD CS account' }
        @{ Case = 'Update with an existing -Report without -Force'; ErrorId = 'ReportExists'; Update = @{ Report = '{EXISTINGREPORT}' }; Seed = 'issued' }
        @{ Case = 'Update with -Report in a folder that does not exist'; ErrorId = 'ReportNotWritable'; Update = @{ Report = '{ODD}/missing/report.html' }; Seed = 'issued' }
    ) {
        if ($OnlyOnWindows -and -not $IsWindows) { Set-ItResult -Skipped -Because 'only the Windows certificate store keeps a key non-exportable'; return }
        if ($NotOnWindows -and $IsWindows) { Set-ItResult -Skipped -Because 'Windows has no path that refuses every write for an administrator, or DCOM is there'; return }
        if ($Special -and $SpecialMissing[$Special]) { Set-ItResult -Skipped -Because $SpecialMissing[$Special]; return }
        if ($DataFolder -eq 'OtherOwner' -and ($IsWindows -or (id -u) -ne '0')) { Set-ItResult -Skipped -Because 'Another user''s data folder needs root to make (chown); on Windows DataFolder.Tests.ps1 makes one with icacls'; return }

        $seeded = if ($Seed) { New-SeededRequest $Seed }
        # The data folder as the case needs it; the call must change nothing in it.
        switch ($DataFolder) {
            'OtherOwner' { chown 54321 $dataHome }
            'KeysLink' {
                $elsewhere = Join-Path $TestDrive "elsewhere-$([guid]::NewGuid().ToString('N'))"
                New-Item -ItemType Directory -Path $elsewhere | Out-Null
                New-Item -ItemType $(if ($IsWindows) { 'Junction' } else { 'SymbolicLink' }) -Path (Join-Path $dataHome 'keys') -Target $elsewhere | Out-Null
            }
            'Full' { Set-Content -Path (Join-Path $dataHome 'store.json') -Value '{"schemaVersion":1,"lastRequestId":2147483647}' }
        }
        $seededState = Get-FileState $dataHome

        function Resolve-Token($value) {
            if ($value -isnot [string]) { return $value }
            $value.Replace('{SEEDED}', "$seeded").Replace('{STRANGER}', $Stranger).Replace('{CA}', (Join-Path $Ca 'ca.pem')).Replace('{ODD64}', $Odd64).Replace('{WILDCARD}', $Wildcard).Replace('{MALFORMED}', $Malformed).Replace('{DTD}', $Dtd).Replace('{UNWRITABLE}', "$Unwritable").Replace('{HUGE}', $Huge).Replace('{CSR}', $Csr).Replace('{JUNK}', $Junk).Replace('{ODD}', $Odd).
                Replace('{SPECIAL}', $SpecialFolder).Replace('{COPY}', $TopologyCopy).Replace('{EXISTINGREPORT}', $ExistingReport).Replace('{EXISTINGTWIN}', $ExistingTwin).
                Replace('{ACME}', $AcmeCa).Replace('{DNSKEY}', $DnsKey).Replace('{SHA224KEY}', $Sha224Key).Replace('{DNSSCRIPT}', $DnsScript)
        }

        $saved = @{}
        if ($Variable) {
            foreach ($key in $Variable.Keys) { $saved[$key] = [Environment]::GetEnvironmentVariable($key); Set-EnvironmentValue $key $Variable[$key] }
        }
        try {
            if ($Import) {
                $command = 'Import-CsCertificate'
                $parameters = @{ Path = (Resolve-Token $Import); Report = $(if ($ImportReport) { Resolve-Token $ImportReport } else { $report }) }
            }
            elseif ($Export) {
                $command = 'Export-CsCertificate'
                $parameters = @{ Report = $report }
                foreach ($key in $Export.Keys) { $parameters[$key] = Resolve-Token $Export[$key] }
                if ($parameters.ContainsKey('Password')) {
                    $parameters.Password = if ($parameters.Password) { ConvertTo-SecureString $parameters.Password -AsPlainText -Force } else { [securestring]::new() }
                }
            }
            elseif ($Update) {
                $command = 'Update-CsCertificate'
                $parameters = @{ Report = $report }
                foreach ($key in $Update.Keys) { $parameters[$key] = Resolve-Token $Update[$key] }
            }
            elseif ($Other) {
                $command = 'Request-CsCertificate'
                $parameters = @{ Report = $report }
                foreach ($key in $Other.Keys) { $parameters[$key] = $Other[$key] }
            }
            else {
                $command = 'Request-CsCertificate'
                $parameters = @{ New = $true; Type = 'Default'; ComputerFqdn = 'atl-cs-001.litwareinc.com'; TopologyPath = $LitwareTopology; Output = $output }
                foreach ($key in $New.Keys) {
                    $value = Resolve-Token $New[$key]
                    if ($null -eq $value) { $parameters.Remove($key) } else { $parameters[$key] = $value }
                }
            }

            $thrown = $null
            $written = $null
            try { & $command @parameters -ErrorAction Stop -ErrorVariable written } catch { $thrown = $_ }
        }
        finally {
            foreach ($key in $saved.Keys) { Set-EnvironmentValue $key $saved[$key] }
        }

        $errorRecord = if ($thrown) { $thrown } else { $written | Select-Object -First 1 }
        $errorRecord | Should -Not -BeNullOrEmpty
        $suffix = switch ($command) {
            'Import-CsCertificate' { ',CsCertificate.Commands.ImportCsCertificateCommand' }
            'Export-CsCertificate' { ',CsCertificate.Commands.ExportCsCertificateCommand' }
            'Update-CsCertificate' { ',CsCertificate.Commands.UpdateCsCertificateCommand' }
            default { $FullyQualifiedSuffix }
        }
        $errorRecord.FullyQualifiedErrorId | Should -Be "$ErrorId$suffix"
        Get-FileState $dataHome | Should -Be $seededState -Because 'a bad call writes nothing to the store'
        $output | Should -Not -Exist
        $report | Should -Not -Exist
        [IO.Path]::ChangeExtension($report, '.xml') | Should -Not -Exist
        @(Get-ChildItem -LiteralPath $Odd -Filter '*.html') + @(Get-ChildItem -LiteralPath $Odd -Filter 'same.*') + @(Get-ChildItem -LiteralPath $Odd -Filter 'x.*') |
            Should -BeNullOrEmpty -Because 'no report, request or exported file was written next to the odd files'
        @(Get-ChildItem -LiteralPath $TestDrive -Filter 'seed-*.*.csr') | Should -BeNullOrEmpty -Because 'no renewal request file was written'
        Get-Content -Raw -LiteralPath $ExistingReport | Should -Match '^an earlier report'
        Get-Content -Raw -LiteralPath $ExistingTwin | Should -Match '^an earlier report'
        foreach ($file in $LitwareTopology) {
            (Get-FileHash -LiteralPath (Join-Path $TopologyCopy (Split-Path $file -Leaf))).Hash | Should -Be (Get-FileHash -LiteralPath $file).Hash
        }
        foreach ($kind in 'character device', 'fifo', 'socket') {
            if (-not $SpecialMissing[$kind]) { Get-FileKind (Join-Path $SpecialFolder ($kind -replace ' ', '-')) | Should -Be $kind }
        }
    }
}
