# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# The offline round trip: Request-CsCertificate -New -Output, an openssl CA signs the request, and
# Import-CsCertificate installs the answer with the stored key. Each import runs in a child PowerShell whose
# HOME holds its own certificate store.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    # Windows and macOS share their certificate stores with the tests: what these tests install is removed at the end.
    $script:StoreBefore = Get-StoreSnapshot
    Import-Module $ModuleManifest -Force

    $script:Ca = New-TestCa

    # Makes an offline request in the data folder of $Environment; returns it and its request file.
    function New-StoredRequest([hashtable] $Environment, [string] $Name) {
        $csr = Join-Path $TestDrive "$Name.csr"
        $env:CSCERTIFICATE_HOME = $Environment.CSCERTIFICATE_HOME
        $request = Request-CsCertificate -New -Type Default, WebServicesInternal -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $LitwareTopology `
            -Output $csr -KeyAlg ECDH_P256 -FriendlyName $Name -WarningAction SilentlyContinue
        [pscustomobject]@{ Request = $request; Csr = $csr }
    }

    # Makes an offline request and has the test CA sign it; returns the files.
    function New-SignedRequest([hashtable] $Environment, [string] $Name) {
        $stored = New-StoredRequest $Environment $Name
        $certificate = New-IssuedCertificate $Ca $stored.Csr $Name
        [pscustomobject]@{ Request = $stored.Request; Csr = $stored.Csr; Certificate = $certificate; Thumbprint = (Get-CertificateThumbprint $certificate) }
    }

    function New-ImportEnvironment {
        @{ CSCERTIFICATE_HOME = (New-TestHome); HOME = (New-ChildHome) }
    }
}

AfterAll {
    Remove-InstalledCertificate $StoreBefore
}

Describe 'Import-CsCertificate' {
    It 'completes an offline request with the certificate the CA signed (<Format>)' -ForEach @(
        @{ Format = 'PEM' }, @{ Format = 'DER' }, @{ Format = 'PKCS7 chain' }, @{ Format = 'PEM chain' }
    ) {
        $environment = New-ImportEnvironment
        $signed = New-SignedRequest $environment "import-$($Format -replace ' ', '-')"
        $file = switch ($Format) {
            'PEM' { $signed.Certificate }
            'DER' { $der = "$($signed.Certificate).cer"; Invoke-OpenSsl x509 -in $signed.Certificate -outform DER -out $der | Out-Null; $der }
            'PKCS7 chain' { $p7b = "$($signed.Certificate).p7b"; Invoke-OpenSsl crl2pkcs7 -nocrl -certfile $signed.Certificate -certfile (Join-Path $Ca 'ca.pem') -out $p7b | Out-Null; $p7b }
            'PEM chain' { $chain = "$($signed.Certificate).chain.pem"; Set-Content $chain ((Get-Content -Raw (Join-Path $Ca 'ca.pem')) + (Get-Content -Raw $signed.Certificate)); $chain }
        }
        $environment.CSCERTIFICATE_TEST_FILE = $file

        $result = Invoke-InChild -Environment $environment -Script { Import-CsCertificate -Path $env:CSCERTIFICATE_TEST_FILE }

        $result.Errors | Should -BeNullOrEmpty
        $reference = $result.Output[0]
        $reference.RequestStatus | Should -Be 'Issued'
        $reference.RequestId | Should -Be $signed.Request.RequestId
        $reference.Thumbprint | Should -Be $signed.Thumbprint
        $reference.Issuer | Should -Be 'CN=Litware Test CA'
        $reference.Use | Should -Be 'Default,WebServicesInternal'
        Get-ChildStoreCertificate $environment.HOME | Should -Contain $signed.Thumbprint
        Join-Path $environment.CSCERTIFICATE_HOME ('keys/{0:D6}.key' -f $signed.Request.RequestId) | Should -Not -Exist
        $list = Invoke-InChild -Environment $environment -Script { Request-CsCertificate -List }
        $list.Output[0].Status | Should -Be 'Issued'
    }

    It 'refuses a certificate that no stored request has the key of, and installs nothing' {
        $environment = New-ImportEnvironment
        New-SignedRequest $environment 'unrelated-request' | Out-Null
        $stranger = Join-Path $TestDrive 'stranger.pem'
        Invoke-OpenSsl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout (Join-Path $TestDrive 'stranger.key') -out $stranger -days 2 -subj '/CN=stranger.litwareinc.com' | Out-Null
        $environment.CSCERTIFICATE_TEST_FILE = $stranger

        $result = Invoke-InChild -Environment $environment -Script { Import-CsCertificate -Path $env:CSCERTIFICATE_TEST_FILE }

        $result.Errors[0].Id | Should -Be 'CertificateNotRequested,CsCertificate.Commands.ImportCsCertificateCommand'
        $result.Errors[0].Message | Should -Match 'stranger\.pem'
        Get-ChildStoreCertificate $environment.HOME | Should -BeNullOrEmpty
    }

    It 'refuses a file that is a request, not a certificate' {
        $environment = New-ImportEnvironment
        $signed = New-SignedRequest $environment 'csr-given'
        $environment.CSCERTIFICATE_TEST_FILE = $signed.Csr
        $result = Invoke-InChild -Environment $environment -Script { Import-CsCertificate -Path $env:CSCERTIFICATE_TEST_FILE }
        $result.Errors[0].Id | Should -Be 'CertificateResponseInvalid,CsCertificate.Commands.ImportCsCertificateCommand'
        $result.Errors[0].Message | Should -Match 'PKCS#10'
    }

    It 'installs a PFX with its own key, and refuses a wrong password' {
        $environment = New-ImportEnvironment
        $key = Join-Path $TestDrive 'pfx.key'
        $certificate = Join-Path $TestDrive 'pfx.pem'
        $pfx = Join-Path $TestDrive 'bundle.pfx'
        Invoke-OpenSsl req -x509 -newkey rsa:2048 -nodes -keyout $key -out $certificate -days 2 -subj '/CN=oauth.litwareinc.com' | Out-Null
        Invoke-OpenSsl pkcs12 -export -in $certificate -inkey $key -out $pfx -passout pass:P@ssw0rd | Out-Null
        $environment.CSCERTIFICATE_TEST_FILE = $pfx

        $wrong = Invoke-InChild -Environment $environment -Script { Import-CsCertificate -Path $env:CSCERTIFICATE_TEST_FILE -Password 'wrong' }
        $right = Invoke-InChild -Environment $environment -Script { Import-CsCertificate -Path $env:CSCERTIFICATE_TEST_FILE -Password 'P@ssw0rd' -PrivateKeyExportable $true }

        $wrong.Errors[0].Id | Should -Be 'CertificateResponseInvalid,CsCertificate.Commands.ImportCsCertificateCommand'
        $right.Errors | Should -BeNullOrEmpty
        $right.Output[0].Subject | Should -Be 'CN=oauth.litwareinc.com'
        Get-ChildStoreCertificate $environment.HOME | Should -Contain $right.Output[0].Thumbprint
    }

    It 'shows what it would do with -WhatIf and installs nothing' {
        $environment = New-ImportEnvironment
        $signed = New-SignedRequest $environment 'whatif-import'
        $environment.CSCERTIFICATE_TEST_FILE = $signed.Certificate
        $result = Invoke-InChild -Environment $environment -Script { Import-CsCertificate -Path $env:CSCERTIFICATE_TEST_FILE -WhatIf }
        $result.Errors | Should -BeNullOrEmpty
        Get-ChildStoreCertificate $environment.HOME | Should -BeNullOrEmpty
        Join-Path $environment.CSCERTIFICATE_HOME ('keys/{0:D6}.key' -f $signed.Request.RequestId) | Should -Exist
    }

    It 'reports an issued request as such when -Retrieve is asked for it afterwards' {
        $environment = New-ImportEnvironment
        $signed = New-SignedRequest $environment 'retrieve-after'
        $environment.CSCERTIFICATE_TEST_FILE = $signed.Certificate
        Invoke-InChild -Environment $environment -Script { Import-CsCertificate -Path $env:CSCERTIFICATE_TEST_FILE } | Out-Null
        $environment.CSCERTIFICATE_TEST_ID = "$($signed.Request.RequestId)"
        $result = Invoke-InChild -Environment $environment -Script { Request-CsCertificate -Retrieve -RequestId $env:CSCERTIFICATE_TEST_ID }
        $result.Errors | Should -BeNullOrEmpty
        $result.Output[0].Thumbprint | Should -Be $signed.Thumbprint
    }
}

Describe 'Import-CsCertificate checks what it installs' {
    BeforeAll {
        $script:ImportSuffix = ',CsCertificate.Commands.ImportCsCertificateCommand'

        # A certificate of the test CA for a key no stored request has (BasicConstraints absent: not a CA's).
        function New-StrangerCertificate([string] $Name) {
            $csr = Join-Path $TestDrive "$Name.csr"
            Invoke-OpenSsl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout (Join-Path $TestDrive "$Name.key") -out $csr -subj "/CN=$Name.litwareinc.com" | Out-Null
            New-IssuedCertificate $Ca $csr $Name
        }

        function Join-PemFile([string] $Name, [string[]] $Path) {
            $bundle = Join-Path $TestDrive "$Name.pem"
            Set-Content -Path $bundle -Value (($Path | ForEach-Object { Get-Content -Raw $_ }) -join '') -NoNewline
            return $bundle
        }
    }

    It 'refuses a certificate that <Case>, leaves the request and its key as they were, then installs the right one' -ForEach @(
        @{ Case = 'expired in 2021'; ErrorId = 'CertificateExpired'; Start = '200101000000Z'; End = '211231000000Z'; Says = 'expired on 2021-12-31 00:00:00Z' }
        @{ Case = 'is valid from 2030 only'; ErrorId = 'CertificateNotYetValid'; Start = '300101000000Z'; End = '310101000000Z'; Says = 'not valid before 2030-01-01 00:00:00Z' }
        @{ Case = 'has no SAN'; ErrorId = 'CertificateNamesMissing'; Subject = '/CN=atl-cs-001.litwareinc.com'; Names = @() }
        @{ Case = 'has CN=wrong.example.com'; ErrorId = 'CertificateNamesMissing'; Subject = '/CN=wrong.example.com'; Names = @() }
        @{ Case = 'lacks names its request has'; ErrorId = 'CertificateNamesMissing'; Subject = '/CN=atl-cs-001.litwareinc.com'; Names = @('atl-cs-001.litwareinc.com', 'DIALIN.litwareinc.com', 'extra.litwareinc.com') }
    ) {
        $environment = New-ImportEnvironment
        $name = "refused-$($ErrorId)-$([guid]::NewGuid().ToString('N').Substring(0, 6))"
        $stored = New-StoredRequest $environment $name
        $id = $stored.Request.RequestId
        $before = Get-RequestState $environment.CSCERTIFICATE_HOME $id
        $csr = if ($Subject) { New-RemadeCsr $environment.CSCERTIFICATE_HOME $id $Subject $Names "$name-remade" } else { $stored.Csr }
        $environment.CSCERTIFICATE_TEST_FILE = New-IssuedCertificate $Ca $csr $name -StartDate $Start -EndDate $End

        $result = Invoke-InChild -Environment $environment -Script { Import-CsCertificate -Path $env:CSCERTIFICATE_TEST_FILE }

        $result.Output | Should -BeNullOrEmpty
        $result.Errors | Should -HaveCount 1
        $result.Errors[0].Id | Should -Be "$ErrorId$ImportSuffix"
        $result.Errors[0].Message | Should -BeLike "*$(Get-CertificateThumbprint $environment.CSCERTIFICATE_TEST_FILE)*"
        if ($Says) { $result.Errors[0].Message | Should -BeLike "*$Says*" }
        if ($ErrorId -eq 'CertificateNamesMissing') {
            $present = @($Names) + ($Subject -replace '^/CN=', '')
            $missing = @($stored.Request.AlternativeNames | Where-Object { $_ -notin $present }) -join ', '
            $result.Errors[0].Message | Should -BeLike "*lacks these names of request ${id}: $missing.*"
            $result.Errors[0].Message | Should -BeLike '*-Force*'
        }
        Get-RequestState $environment.CSCERTIFICATE_HOME $id | Should -BeLike $before
        (Get-RequestState $environment.CSCERTIFICATE_HOME $id).Key | Should -Be $before.Key
        (Get-RequestState $environment.CSCERTIFICATE_HOME $id).Record | Should -Be $before.Record
        Get-ChildStoreCertificate $environment.HOME | Should -BeNullOrEmpty

        $environment.CSCERTIFICATE_TEST_FILE = New-IssuedCertificate $Ca $stored.Csr "$name-right"
        $right = Invoke-InChild -Environment $environment -Script { Import-CsCertificate -Path $env:CSCERTIFICATE_TEST_FILE }
        $right.Errors | Should -BeNullOrEmpty
        $right.Output[0].RequestId | Should -Be $id
        $right.Output[0].RequestStatus | Should -Be 'Issued'
    }

    It 'installs a certificate that lacks names of its request with -Force, and warns with the names' {
        $environment = New-ImportEnvironment
        $stored = New-StoredRequest $environment 'forced'
        $id = $stored.Request.RequestId
        $csr = New-RemadeCsr $environment.CSCERTIFICATE_HOME $id '/CN=atl-cs-001.litwareinc.com' @('atl-cs-001.litwareinc.com') 'forced-remade'
        $environment.CSCERTIFICATE_TEST_FILE = New-IssuedCertificate $Ca $csr 'forced'
        $missing = @($stored.Request.AlternativeNames | Where-Object { $_ -ne 'atl-cs-001.litwareinc.com' }) -join ', '

        $result = Invoke-InChild -Environment $environment -Script { Import-CsCertificate -Path $env:CSCERTIFICATE_TEST_FILE -Force }

        $result.Errors | Should -BeNullOrEmpty
        $result.Output[0].RequestId | Should -Be $id
        $result.Output[0].RequestStatus | Should -Be 'Issued'
        @($result.Warnings | Where-Object { $_ -like "*lacks these names of request ${id}: $missing.*" }) | Should -HaveCount 1
        (Get-RequestState $environment.CSCERTIFICATE_HOME $id).Status | Should -Be 'Issued'
        Get-ChildStoreCertificate $environment.HOME | Should -Contain $result.Output[0].Thumbprint
    }

    It 'says that a certificate is already installed, as a result and not an error' {
        $environment = New-ImportEnvironment
        $signed = New-SignedRequest $environment 'twice'
        $environment.CSCERTIFICATE_TEST_FILE = $signed.Certificate
        Invoke-InChild -Environment $environment -Script { Import-CsCertificate -Path $env:CSCERTIFICATE_TEST_FILE } | Out-Null

        $again = Invoke-InChild -Environment $environment -Script { Import-CsCertificate -Path $env:CSCERTIFICATE_TEST_FILE }

        $again.Errors | Should -BeNullOrEmpty
        $again.Output | Should -HaveCount 1
        $again.Output[0].RequestId | Should -Be $signed.Request.RequestId
        $again.Output[0].RequestStatus | Should -Be 'Issued'
        $again.Output[0].Thumbprint | Should -Be $signed.Thumbprint
        $again.Verbose | Should -Contain "The certificate $($signed.Thumbprint) in `"$($signed.Certificate)`" is already installed as request $($signed.Request.RequestId)."
    }

    It 'completes every request a file holds a certificate for, and reports the certificate of no request' {
        $environment = New-ImportEnvironment
        $first = New-SignedRequest $environment 'bundle-first'
        $second = New-SignedRequest $environment 'bundle-second'
        $stranger = New-StrangerCertificate 'bundle-stranger'
        $environment.CSCERTIFICATE_TEST_FILE = Join-PemFile 'bundle' @($first.Certificate, $stranger, (Join-Path $Ca 'ca.pem'), $second.Certificate)

        $result = Invoke-InChild -Environment $environment -Script { Import-CsCertificate -Path $env:CSCERTIFICATE_TEST_FILE }

        $result.Output.RequestId | Should -Be @($first.Request.RequestId, $second.Request.RequestId)
        $result.Output.RequestStatus | Should -Be @('Issued', 'Issued')
        $result.Output.Thumbprint | Should -Be @($first.Thumbprint, $second.Thumbprint)
        $result.Errors | Should -HaveCount 1
        $result.Errors[0].Id | Should -Be "CertificateNotRequested$ImportSuffix"
        $result.Errors[0].Message | Should -BeLike "*$(Get-CertificateThumbprint $stranger) (CN=bundle-stranger.litwareinc.com)*"
        $installed = Get-ChildStoreCertificate $environment.HOME
        $installed | Should -Contain $first.Thumbprint
        $installed | Should -Contain $second.Thumbprint
        $installed | Should -HaveCount 2
        Get-ChildStoreCertificate $environment.HOME -Store ca | Should -BeNullOrEmpty -Because 'a request''s certificate is not a CA certificate, and the root is not trusted on the file''s word'
        foreach ($request in $first, $second) {
            Get-RequestState $environment.CSCERTIFICATE_HOME $request.Request.RequestId | ForEach-Object { $_.Status | Should -Be 'Issued'; $_.Key | Should -BeNullOrEmpty }
        }
    }

    It 'shows with -WhatIf what each certificate of a file would do, and writes nothing' {
        $environment = New-ImportEnvironment
        $installed = New-SignedRequest $environment 'whatif-installed'
        $environment.CSCERTIFICATE_TEST_FILE = $installed.Certificate
        Invoke-InChild -Environment $environment -Script { Import-CsCertificate -Path $env:CSCERTIFICATE_TEST_FILE } | Out-Null
        $waiting = New-SignedRequest $environment 'whatif-waiting'
        $stranger = New-StrangerCertificate 'whatif-stranger'
        $environment.CSCERTIFICATE_TEST_FILE = Join-PemFile 'whatif-bundle' @($installed.Certificate, $waiting.Certificate, $stranger, (Join-Path $Ca 'ca.pem'))
        $before = Get-RequestState $environment.CSCERTIFICATE_HOME $waiting.Request.RequestId

        $result = Invoke-InChild -Environment $environment -Script { Import-CsCertificate -Path $env:CSCERTIFICATE_TEST_FILE -WhatIf }

        $result.Host | Should -BeLike "*What if: Performing the operation `"Install the certificate`" on target `"certificate $($waiting.Thumbprint) (CN=atl-cs-001.litwareinc.com) in `"$($environment.CSCERTIFICATE_TEST_FILE)`" for request $($waiting.Request.RequestId) (CN=atl-cs-001.litwareinc.com)`".*"
        ([regex]::Matches($result.Host, 'What if:')).Count | Should -Be 1
        $result.Output | Should -HaveCount 1
        $result.Output[0].RequestId | Should -Be $installed.Request.RequestId
        $result.Verbose | Should -Contain "The certificate $($installed.Thumbprint) in `"$($environment.CSCERTIFICATE_TEST_FILE)`" is already installed as request $($installed.Request.RequestId)."
        $result.Errors.Id | Should -Be @("CertificateNotRequested$ImportSuffix")
        $result.Errors[0].Message | Should -BeLike "*$(Get-CertificateThumbprint $stranger)*"
        (Get-RequestState $environment.CSCERTIFICATE_HOME $waiting.Request.RequestId).Record | Should -Be $before.Record
        (Get-RequestState $environment.CSCERTIFICATE_HOME $waiting.Request.RequestId).Key | Should -Be $before.Key
        Get-ChildStoreCertificate $environment.HOME | Should -Be @($installed.Thumbprint)
    }

    It 'names the request and its key file when the key file is <Damage>, on import and on -Retrieve' -ForEach @(
        @{ Damage = 'deleted'; ErrorId = 'RequestKeyMissing' }
        @{ Damage = 'corrupt'; ErrorId = 'RequestKeyUnreadable' }
    ) {
        $environment = New-ImportEnvironment
        $signed = New-SignedRequest $environment "key-$Damage"
        $id = $signed.Request.RequestId
        $keyFile = Join-Path $environment.CSCERTIFICATE_HOME ('keys/{0:D6}.key' -f $id)
        if ($Damage -eq 'deleted') { Remove-Item $keyFile } else { Set-Content -Path $keyFile -Value "-----BEGIN PRIVATE KEY-----`nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg`n-----END PRIVATE KEY-----" }
        $environment.CSCERTIFICATE_TEST_FILE = $signed.Certificate

        $import = Invoke-InChild -Environment $environment -Script { Import-CsCertificate -Path $env:CSCERTIFICATE_TEST_FILE }

        # -Retrieve of a pending request of an ACME CA that does not exist: the key is checked before the CA is asked.
        $record = Join-Path $environment.CSCERTIFICATE_HOME ('requests/{0:D6}.json' -f $id)
        (Get-Content -Raw $record).Replace('"status": "Offline",', '"status": "Pending", "ca": "https://acme.invalid/directory",') | Set-Content -Path $record -NoNewline
        (Get-RequestState $environment.CSCERTIFICATE_HOME $id).Status | Should -Be 'Pending'
        $environment.CSCERTIFICATE_TEST_ID = "$id"
        $retrieve = Invoke-InChild -Environment $environment -Script { Request-CsCertificate -Retrieve -RequestId $env:CSCERTIFICATE_TEST_ID }

        foreach ($result in $import, $retrieve) {
            $result.Errors | Should -HaveCount 1
            $result.Errors[0].Id | Should -BeLike "$ErrorId,*"
            $result.Errors[0].Message | Should -BeLike "Request $id cannot be completed: its private key file `"$keyFile`"*"
            $result.Errors[0].Message | Should -BeLike "*Request-CsCertificate -Clear -RequestId $id*"
            $result.Errors[0].Message | Should -Not -BeLike '*MIGHAgEA*'
        }
        Get-ChildStoreCertificate $environment.HOME | Should -BeNullOrEmpty
    }
}
