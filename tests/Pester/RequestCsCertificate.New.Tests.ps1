# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
}

Describe 'Request-CsCertificate -New -Output' {
    BeforeEach {
        $dataHome = New-TestHome
        $output = Join-Path $TestDrive "request-$([guid]::NewGuid().ToString('N')).csr"
    }

    It 'writes a CSR that openssl verifies, with the Subject, SAN, EKU, KeyUsage and template' {
        $result = Request-CsCertificate -New -Type Default, WebServicesInternal, WebServicesExternal -ComputerFqdn atl-cs-001.litwareinc.com `
            -TopologyPath $LitwareTopology -Output $output -Organization Litware -OU IT -City Atlanta -State GA -Country US `
            -Template WebServer -ClientEKU $true

        Get-Content -Raw $output | Should -Match '^-----BEGIN CERTIFICATE REQUEST-----'
        $text = Invoke-OpenSsl req -in $output -noout -verify -text
        $text | Should -Match 'verify OK'
        $text | Should -Match 'Subject: C\s?=\s?US, ST\s?=\s?GA, L\s?=\s?Atlanta, O\s?=\s?Litware, OU\s?=\s?IT, CN\s?=\s?atl-cs-001\.litwareinc\.com'
        $text | Should -Match 'DNS:atl-cs-001\.litwareinc\.com, DNS:dialin\.litwareinc\.com, DNS:meet\.litwareinc\.com, DNS:meet\.fabrikam\.com, DNS:admin\.litwareinc\.com, DNS:LyncdiscoverInternal\.litwareinc\.com, DNS:atl-ext\.litwareinc\.com, DNS:Lyncdiscover\.litwareinc\.com'
        $text | Should -Match 'TLS Web Server Authentication, TLS Web Client Authentication'
        $text | Should -Match 'X509v3 Key Usage: critical\s+Digital Signature, Key Encipherment'
        $text | Should -Match '1\.3\.6\.1\.4\.1\.311\.20\.2:\s+\.+W\.e\.b\.S\.e\.r\.v\.e\.r'
        $text | Should -Match 'Signature Algorithm: sha256WithRSAEncryption'
        $text | Should -Match 'Public-Key: \(2048 bit\)'

        $result.RequestStatus | Should -Be 'Offline'
        $result.Subject | Should -Be 'CN=atl-cs-001.litwareinc.com, OU=IT, O=Litware, L=Atlanta, S=GA, C=US'
        $result.Use | Should -Be 'Default,WebServicesInternal,WebServicesExternal'
        $result.Path | Should -Be $output
        $result.RequestId | Should -BeGreaterThan 0
        $result.FriendlyName | Should -Not -BeNullOrEmpty
        $result.PSObject.Properties.Name | Should -Contain 'Thumbprint'
    }

    It 'signs ECDH_<Curve> requests with ECDSA and SHA-<Hash>, key agreement usage, and no -KeySize' -ForEach @(
        @{ Curve = 'P256'; Hash = '256'; Bits = '256' }, @{ Curve = 'P384'; Hash = '384'; Bits = '384' }, @{ Curve = 'P521'; Hash = '512'; Bits = '521' }
    ) {
        Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $LitwareTopology -Output $output -KeyAlg "ECDH_$Curve" | Out-Null
        $text = Invoke-OpenSsl req -in $output -noout -verify -text
        $text | Should -Match 'verify OK'
        $text | Should -Match "Signature Algorithm: ecdsa-with-SHA$Hash"
        $text | Should -Match "Public-Key: \($Bits bit\)"
        $text | Should -Match 'Digital Signature, Key Agreement'
        $text | Should -Match 'TLS Web Server Authentication'
        $text | Should -Not -Match 'TLS Web Client Authentication' -Because 'clientAuth is only added with -ClientEKU $true'
    }

    It 'generates an RSA key of -KeySize <Size> bits' -ForEach @(@{ Size = 1024 }, @{ Size = 4096 }) {
        Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $LitwareTopology -Output $output -KeySize $Size | Out-Null
        Invoke-OpenSsl req -in $output -noout -text | Should -Match "Public-Key: \($Size bit\)"
    }

    It 'stores the key owner-only and matching the request' {
        $result = Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $LitwareTopology -Output $output
        $key = Join-Path $dataHome ('keys/{0:D6}.key' -f $result.RequestId)
        $key | Should -Exist
        $requestKey = Invoke-OpenSsl req -in $output -noout -pubkey
        $storedKey = Invoke-OpenSsl pkey -in $key -pubout
        $storedKey | Should -Be $requestKey
        if (-not $IsWindows) {
            [Convert]::ToString([int](Get-Item $key).UnixFileMode, 8) | Should -Be '600'
            [Convert]::ToString([int](Get-Item (Join-Path $dataHome 'keys')).UnixFileMode, 8) | Should -Be '700'
        }
        $record = Get-Content -Raw (Join-Path $dataHome ('requests/{0:D6}.json' -f $result.RequestId))
        $record | Should -Not -Match 'PRIVATE KEY'
    }

    It 'never writes -CaPassword anywhere' {
        $report = Join-Path $TestDrive 'secret.html'
        Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $LitwareTopology -Output $output `
            -CaAccount 'litwareinc\kenmyer' -CaPassword 'P@ss-7f3c91d2' -Report $report -Verbose 4>&1 | Out-String | Should -Not -Match '7f3c91d2'
        foreach ($file in (Get-WrittenFile $dataHome) + $output + (Get-WrittenFile (Split-Path $report) | Where-Object { $_ -like '*secret*' })) {
            Get-Content -Raw $file | Should -Not -Match '7f3c91d2' -Because $file
        }
    }

    It 'shows the plan with -WhatIf and writes nothing' {
        $report = Join-Path $TestDrive 'whatif.html'
        $transcript = Join-Path $TestDrive 'whatif.txt'
        Start-Transcript -Path $transcript | Out-Null
        try {
            Request-CsCertificate -New -Type Default, WebServicesInternal -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $LitwareTopology[0] `
                -Output $output -Template WebServer -Report $report -WhatIf
        }
        finally {
            Stop-Transcript | Out-Null
        }
        $info = (Get-Content -Raw $transcript) -replace '\r?\n', ''

        $info | Should -Match 'Subject "CN=atl-cs-001\.litwareinc\.com"'
        $info | Should -Match 'LyncdiscoverInternal\.litwareinc\.com'
        $info | Should -Match 'key RSA 2048'
        $info | Should -Match 'template WebServer'
        $info | Should -Match ([regex]::Escape($output))
        $info | Should -Match 'No simple URL configuration was found' -Because 'the warnings of the plan show with -WhatIf'
        $output | Should -Not -Exist
        $report | Should -Not -Exist
        Get-WrittenFile $dataHome | Should -BeNullOrEmpty
    }

    It 'refuses <Case> with <ErrorId> and writes nothing' -ForEach @(
        @{ Case = 'an unknown computer'; ErrorId = 'ComputerNotInTopology'; Arguments = @{ ComputerFqdn = 'nobody.litwareinc.com' } }
        @{ Case = 'a type the role does not need'; ErrorId = 'CertTypeNotApplicable'; Arguments = @{ Type = 'Internal' } }
        @{ Case = 'a Lync Online type'; ErrorId = 'CertTypeNotSupported'; Arguments = @{ Type = 'PICWebService' } }
        @{ Case = 'a wildcard in -DomainName that is not a whole label'; ErrorId = 'InvalidDomainName'; Arguments = @{ DomainName = 'meet*.litwareinc.com' } }
        @{ Case = 'an internationalized name'; ErrorId = 'InternationalizedName'; Arguments = @{ DomainName = 'bücher.litwareinc.com' } }
        @{ Case = 'a three-letter country'; ErrorId = 'InvalidCountry'; Arguments = @{ Country = 'USA' } }
        @{ Case = 'an unassigned country code'; ErrorId = 'InvalidCountry'; Arguments = @{ Country = 'XX' } }
        @{ Case = '-KeySize with an ECDH key'; ErrorId = 'KeySizeNotApplicable'; Arguments = @{ KeyAlg = 'ECDH_P256'; KeySize = 2048 } }
        @{ Case = 'an -Output folder that does not exist'; ErrorId = 'OutputDirectoryNotFound'; Arguments = @{ Output = 'TESTDRIVE/missing/r.csr' } }
        @{ Case = 'a malformed topology'; ErrorId = 'TopologyInvalid'; Arguments = @{ TopologyPath = 'MALFORMED' } }
        @{ Case = 'a missing topology file'; ErrorId = 'TopologyFileNotFound'; Arguments = @{ TopologyPath = 'TESTDRIVE/none.xml' } }
        @{ Case = 'a -CA in neither form'; ErrorId = 'InvalidCaName'; Arguments = @{ Output = $null; CA = 'atl-ca-001.litwareinc.com' } }
        @{ Case = 'an http:// ACME directory'; ErrorId = 'InvalidCaName'; Arguments = @{ Output = $null; CA = 'http://acme.litwareinc.com/directory' } }
        @{ Case = '-CaAccount without -CaPassword'; ErrorId = 'InvalidCaAccount'; Arguments = @{ Output = $null; CA = 'https://acme.litwareinc.com/directory'; CaAccount = 'kid-1' } }
        @{ Case = 'neither -CA nor -Output'; ErrorId = 'CaNotSpecified'; Arguments = @{ Output = $null } }
    ) {
        $malformed = Join-Path $TestDrive 'malformed.xml'
        Set-Content -Path $malformed -Value '<Topology xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008"><InternalDomains>'
        $parameters = @{ New = $true; Type = 'Default'; ComputerFqdn = 'atl-cs-001.litwareinc.com'; TopologyPath = $LitwareTopology; Output = $output }
        foreach ($key in $Arguments.Keys) {
            $value = $Arguments[$key]
            if ($value -is [string]) { $value = $value.Replace('TESTDRIVE', $TestDrive).Replace('MALFORMED', $malformed) }
            if ($null -eq $value) { $parameters.Remove($key) } else { $parameters[$key] = $value }
        }
        { Request-CsCertificate @parameters } | Should -Throw -ErrorId "$ErrorId$FullyQualifiedSuffix"
        $output | Should -Not -Exist
        Get-WrittenFile $dataHome | Should -BeNullOrEmpty
    }

    It 'names the file and the line of a malformed topology' {
        $malformed = Join-Path $TestDrive 'broken.xml'
        Set-Content -Path $malformed -Value "<Topology xmlns=`"urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008`">`n  <InternalDomains>`n</Topology>"
        $err = { Request-CsCertificate -New -Type Default -TopologyPath $malformed -Output $output } | Should -Throw -PassThru
        $err.Exception.Message | Should -Match ([regex]::Escape($malformed))
        $err.Exception.Message | Should -Match 'line 3'
    }

    It 'refuses a malformed -ComputerFqdn while binding' {
        { Request-CsCertificate -New -Type Default -ComputerFqdn 'atl_cs_001.litwareinc.com' -TopologyPath $LitwareTopology -Output $output } |
            Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,CsCertificate.Commands.RequestCsCertificateCommand'
    }

    It 'refuses an existing -Output file unless -Force is given' {
        Set-Content -Path $output -Value 'old'
        { Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $LitwareTopology -Output $output } |
            Should -Throw -ErrorId "OutputExists$FullyQualifiedSuffix"
        Get-Content $output | Should -Be 'old'
        Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $LitwareTopology -Output $output -Force | Out-Null
        Get-Content -Raw $output | Should -Match 'BEGIN CERTIFICATE REQUEST'
    }

    It 'reads the topology from $env:CSCERTIFICATE_TOPOLOGY, and says so with -Verbose' {
        $env:CSCERTIFICATE_TOPOLOGY = $LitwareTopology -join [IO.Path]::PathSeparator
        try {
            $verbose = Request-CsCertificate -New -Type WebServicesExternal -ComputerFqdn atl-cs-001.litwareinc.com -Output $output -Verbose 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Out-String
            $verbose | Should -Match 'Topology source: \$env:CSCERTIFICATE_TOPOLOGY'
            Invoke-OpenSsl req -in $output -noout -text | Should -Match 'DNS:meet\.fabrikam\.com' -Because 'the simple URLs came from the second listed file'
        }
        finally {
            Remove-Item Env:CSCERTIFICATE_TOPOLOGY
        }
    }

    It 'reads topology.xml and simpleurls.xml from the data folder when nothing else is given' {
        Copy-Item $LitwareTopology[0] (Join-Path $dataHome 'topology.xml')
        Copy-Item $LitwareTopology[1] (Join-Path $dataHome 'simpleurls.xml')
        Request-CsCertificate -New -Type WebServicesInternal -ComputerFqdn atl-cs-001.litwareinc.com -Output $output | Out-Null
        Invoke-OpenSsl req -in $output -noout -text | Should -Match 'DNS:admin\.litwareinc\.com'
    }

    It 'says every way to give a topology when there is none' {
        $err = { Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -Output $output } |
            Should -Throw -ErrorId "TopologyNotFound$FullyQualifiedSuffix" -PassThru
        $err.Exception.Message | Should -Match '-TopologyPath'
        $err.Exception.Message | Should -Match 'CSCERTIFICATE_TOPOLOGY'
        $err.Exception.Message | Should -Match 'topology\.xml'
    }

    It 'reads the topology from Get-CsTopology when the management shell is loaded' {
        $global:CsTestPublishedTopology = Get-Content -Raw $LitwareTopology[0]
        function global:Get-CsTopology { param([switch] $AsXml) [System.Xml.Linq.XElement]::Parse($global:CsTestPublishedTopology) }
        function global:Get-CsSimpleUrlConfiguration {
            [pscustomobject]@{ Identity = 'Global'; SimpleUrl = @(
                    [pscustomobject]@{ Component = 'meet'; Domain = 'litwareinc.com'; ActiveUrl = 'https://meet.session.litwareinc.com'; SimpleUrlEntry = @([pscustomobject]@{ Url = 'https://meet.session.litwareinc.com' }) }
                ) }
        }
        try {
            $verbose = Request-CsCertificate -New -Type WebServicesInternal -ComputerFqdn atl-cs-001.litwareinc.com -Output $output -Verbose 4>&1 | Out-String
            $verbose | Should -Match 'Topology source: the Skype for Business Server Management Shell'
            Invoke-OpenSsl req -in $output -noout -text | Should -Match 'DNS:meet\.session\.litwareinc\.com'
        }
        finally {
            Remove-Item Function:\Get-CsTopology, Function:\Get-CsSimpleUrlConfiguration, Variable:\CsTestPublishedTopology
        }
    }

    It 'reads the local replica with -LocalStore on an Edge Server, whose shell cannot reach the Central Management store, and says so' {
        $global:CsTestPublishedTopology = Get-Content -Raw $LitwareTopology[0]
        # Stand-ins that answer only with -LocalStore, as the cmdlets do on an Edge Server.
        function global:Get-CsTopology {
            param([switch] $AsXml, [switch] $LocalStore)
            if (-not $LocalStore) { throw 'Cannot open a connection to the Central Management Store.' }
            [System.Xml.Linq.XElement]::Parse($global:CsTestPublishedTopology)
        }
        function global:Get-CsSimpleUrlConfiguration {
            param([switch] $LocalStore)
            if (-not $LocalStore) { throw 'Cannot open a connection to the Central Management Store.' }
            [pscustomobject]@{ Identity = 'Global'; SimpleUrl = @() }
        }
        try {
            $verbose = Request-CsCertificate -New -Type Internal -ComputerFqdn atl-edge-001.litwareinc.com -Output $output -Verbose 4>&1 | Out-String -Width 400
            $verbose | Should -Match 'Get-CsTopology -AsXml failed \(Cannot open a connection to the Central Management Store\.\); .*-LocalStore'
            $verbose | Should -Match 'Topology source: the Skype for Business Server Management Shell \(Get-CsTopology -AsXml -LocalStore, Get-CsSimpleUrlConfiguration -LocalStore\)'
            Get-CsrSubject $output | Should -Match 'CN=atl-edge-001\.litwareinc\.com'
        }
        finally {
            Remove-Item Function:\Get-CsTopology, Function:\Get-CsSimpleUrlConfiguration, Variable:\CsTestPublishedTopology
        }
    }

    It 'reports a session whose Get-CsTopology fails and has no -LocalStore' {
        function global:Get-CsTopology { param([switch] $AsXml) throw 'Cannot open a connection to the Central Management Store.' }
        try {
            { Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -Output $output } |
                Should -Throw -ErrorId "TopologyNotFound$FullyQualifiedSuffix"
            $output | Should -Not -Exist
        }
        finally {
            Remove-Item Function:\Get-CsTopology
        }
    }
}
