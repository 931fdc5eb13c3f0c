# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# The offline round trip: Request-CsCertificate -New -Output, an openssl CA signs the request, and
# Import-CsCertificate installs the answer with the stored key. Each import runs in a child PowerShell whose
# HOME holds its own certificate store.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    $script:Ca = Join-Path $TestDrive 'ca'
    New-Item -ItemType Directory -Path $Ca | Out-Null
    Invoke-OpenSsl req -x509 -newkey rsa:2048 -nodes -keyout (Join-Path $Ca 'ca.key') -out (Join-Path $Ca 'ca.pem') -days 30 -subj '/CN=Litware Test CA' | Out-Null

    # Makes an offline request in the child's data folder and has the test CA sign it; returns the files.
    function New-SignedRequest([hashtable] $Environment, [string] $Name) {
        $csr = Join-Path $TestDrive "$Name.csr"
        $env:CSCERTIFICATE_HOME = $Environment.CSCERTIFICATE_HOME
        $request = Request-CsCertificate -New -Type Default, WebServicesInternal -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $LitwareTopology `
            -Output $csr -KeyAlg ECDH_P256 -FriendlyName $Name -WarningAction SilentlyContinue
        $certificate = Join-Path $TestDrive "$Name.pem"
        Invoke-OpenSsl x509 -req -in $csr -CA (Join-Path $Ca 'ca.pem') -CAkey (Join-Path $Ca 'ca.key') -CAcreateserial -days 10 -copy_extensions copyall -out $certificate | Out-Null
        $thumbprint = ((Invoke-OpenSsl x509 -in $certificate -noout -fingerprint -sha1) -replace '.*=', '' -replace ':', '').Trim()
        [pscustomobject]@{ Request = $request; Csr = $csr; Certificate = $certificate; Thumbprint = $thumbprint }
    }

    function New-ImportEnvironment {
        @{ CSCERTIFICATE_HOME = (New-TestHome); HOME = (New-ChildHome) }
    }
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
