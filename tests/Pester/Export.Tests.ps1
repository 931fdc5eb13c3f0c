# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# Export-CsCertificate against certificates the module really installed: an offline request signed by an openssl CA
# through an intermediate and imported, and an ACME certificate from pebble. Each command runs in a child PowerShell
# whose HOME holds, on Linux, its own certificate store; the files it writes are read back with openssl.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'Pebble.ps1')
    Import-Module $ModuleManifest -Force

    $script:Password = 'Zq7-Export-5519'
    $script:ExportSuffix = ',CsCertificate.Commands.ExportCsCertificateCommand'

    # A root CA (New-TestCa) and an issuing CA it signed: the answer of the CA is the certificate and the issuing CA's.
    $script:Root = New-TestCa 'export-root'
    $script:Issuing = Join-Path $TestDrive 'export-issuing'
    New-Item -ItemType Directory -Path $Issuing | Out-Null
    $extensions = Join-Path $Issuing 'ca.ext'
    Set-Content -Path $extensions -Value "basicConstraints=critical,CA:true`nkeyUsage=critical,keyCertSign,cRLSign"
    Invoke-OpenSsl req -new -newkey rsa:2048 -nodes -keyout (Join-Path $Issuing 'ca.key') -out (Join-Path $Issuing 'ca.csr') -subj '/CN=Litware Test Issuing CA' | Out-Null
    Invoke-OpenSsl x509 -req -in (Join-Path $Issuing 'ca.csr') -CA (Join-Path $Root 'ca.pem') -CAkey (Join-Path $Root 'ca.key') -CAcreateserial -days 20 -extfile $extensions -out (Join-Path $Issuing 'ca.pem') | Out-Null

    function New-ExportEnvironment {
        @{ CSCERTIFICATE_HOME = (New-TestHome); HOME = (New-ChildHome); CSCERTIFICATE_TEST_PASSWORD = $Password; CSCERTIFICATE_TEST_OUT = (New-OutFolder) }
    }

    function New-OutFolder {
        $folder = Join-Path $TestDrive "out-$([guid]::NewGuid().ToString('N'))"
        New-Item -ItemType Directory -Path $folder | Out-Null
        return $folder
    }

    # An offline request in the data folder of $Environment, signed by the issuing CA and imported in a child: Issued.
    function New-IssuedRequest([hashtable] $Environment, [string] $Name, [string] $KeyAlg = 'RSA', [bool] $Exportable = $true) {
        $csr = Join-Path $TestDrive "$Name.csr"
        $env:CSCERTIFICATE_HOME = $Environment.CSCERTIFICATE_HOME
        $request = Request-CsCertificate -New -Type Default, WebServicesInternal -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $LitwareTopology `
            -Output $csr -KeyAlg $KeyAlg -FriendlyName $Name -PrivateKeyExportable $Exportable -WarningAction SilentlyContinue
        $leaf = Join-Path $TestDrive "$Name.pem"
        Invoke-OpenSsl x509 -req -in $csr -CA (Join-Path $Issuing 'ca.pem') -CAkey (Join-Path $Issuing 'ca.key') -CAcreateserial -days 10 -copy_extensions copyall -out $leaf | Out-Null
        $answer = Join-Path $TestDrive "$Name-answer.pem"
        Set-Content -Path $answer -Value ((Get-Content -Raw $leaf) + (Get-Content -Raw (Join-Path $Issuing 'ca.pem'))) -NoNewline
        $Environment.CSCERTIFICATE_TEST_FILE = $answer
        $import = Invoke-InChild -Environment $Environment -Script { Import-CsCertificate -Path $env:CSCERTIFICATE_TEST_FILE }
        $import.Errors | Should -BeNullOrEmpty
        $Environment.CSCERTIFICATE_TEST_ID = "$($request.RequestId)"
        [pscustomobject]@{ RequestId = $request.RequestId; Thumbprint = $import.Output[0].Thumbprint; Leaf = $leaf; Name = $Name }
    }

    # What openssl pkcs12 -info prints for a PFX, algorithms and bag attributes; openssl 3 without -legacy.
    function Get-PfxInfo([string] $Path, [string] $Pass = $Password) {
        Invoke-OpenSsl pkcs12 -info -in $Path -passin "pass:$Pass" -nodes
    }

    # The public key of a PFX's private key and the one of its certificate, as openssl writes them.
    function Get-PfxKeyPair([string] $Path) {
        $key = "$Path.key.pem"
        $certificate = "$Path.cert.pem"
        Invoke-OpenSsl pkcs12 -in $Path -passin "pass:$Password" -nocerts -nodes -out $key | Out-Null
        Invoke-OpenSsl pkcs12 -in $Path -passin "pass:$Password" -clcerts -nokeys -out $certificate | Out-Null
        [pscustomobject]@{ Key = (Invoke-OpenSsl pkey -in $key -pubout); Certificate = (Invoke-OpenSsl x509 -in $certificate -noout -pubkey) }
    }

    function Get-Subjects([string] $Info) {
        @([regex]::Matches($Info, '(?m)^subject=CN ?= ?(.+)$') | ForEach-Object { $_.Groups[1].Value.Trim() })
    }

    $script:ExportPfx = {
        $password = ConvertTo-SecureString $env:CSCERTIFICATE_TEST_PASSWORD -AsPlainText -Force
        Export-CsCertificate -RequestId $env:CSCERTIFICATE_TEST_ID -Path (Join-Path $env:CSCERTIFICATE_TEST_OUT 'export.pfx') -Password $password
    }
}

Describe 'Export-CsCertificate of an offline request signed through an intermediate CA' {
    BeforeAll {
        $script:Environment = New-ExportEnvironment
        $script:Issued = New-IssuedRequest $Environment 'Litware Export'
    }

    It 'writes a PFX that openssl 3 reads without -legacy: 3DES bags, SHA-1 MAC, the chain, the friendly name, the SChannel provider, the key of the certificate' {
        $result = Invoke-InChild -Environment $Environment -Script $ExportPfx

        $result.Errors | Should -BeNullOrEmpty
        $pfx = Join-Path $Environment.CSCERTIFICATE_TEST_OUT 'export.pfx'
        @($result.Output) | Should -HaveCount 1
        $result.Output[0].FullName | Should -Be $pfx
        $info = Get-PfxInfo $pfx
        $info | Should -Match 'MAC: sha1, Iteration 2048'
        $info | Should -Match 'PKCS7 Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC'
        $info | Should -Match 'Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC'
        $info | Should -Not -Match 'RC2-CBC' -Because 'openssl names an RC2 bag pbeWithSHA1And40BitRC2-CBC (a bare RC2 can occur in the base64 of the certificates)'
        $info | Should -Match 'friendlyName: Litware Export'
        $info | Should -Match 'Microsoft CSP Name: Microsoft RSA SChannel Cryptographic Provider'
        Get-Subjects $info | Should -Be @('atl-cs-001.litwareinc.com', 'Litware Test Issuing CA')
        $pair = Get-PfxKeyPair $pfx
        $pair.Key | Should -Be $pair.Certificate
        (Get-CertificateThumbprint "$pfx.cert.pem") | Should -Be $Issued.Thumbprint
    }

    It 'writes AES-256 with a SHA-256 MAC for -CryptoAlgorithmOption AES256_SHA256, and only the certificate with EndEntityCertOnly' {
        $result = Invoke-InChild -Environment $Environment -Script {
            $password = ConvertTo-SecureString $env:CSCERTIFICATE_TEST_PASSWORD -AsPlainText -Force
            Export-CsCertificate $env:CSCERTIFICATE_TEST_ID (Join-Path $env:CSCERTIFICATE_TEST_OUT 'aes.pfx') -Password $password -CryptoAlgorithmOption AES256_SHA256 -ChainOption EndEntityCertOnly
        }

        $result.Errors | Should -BeNullOrEmpty
        $info = Get-PfxInfo (Join-Path $Environment.CSCERTIFICATE_TEST_OUT 'aes.pfx')
        $info | Should -Match 'MAC: sha256'
        $info | Should -Match 'PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256'
        $info | Should -Match 'Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC'
        Get-Subjects $info | Should -Be @('atl-cs-001.litwareinc.com')
    }

    It 'writes PEM: the certificate then the chain, and a key readable by its owner only, encrypted with -Password' {
        $result = Invoke-InChild -Environment $Environment -Script {
            $out = $env:CSCERTIFICATE_TEST_OUT
            Export-CsCertificate -RequestId $env:CSCERTIFICATE_TEST_ID -Path (Join-Path $out 'web.pem') -KeyPath (Join-Path $out 'web.key')
            $password = ConvertTo-SecureString $env:CSCERTIFICATE_TEST_PASSWORD -AsPlainText -Force
            Export-CsCertificate -RequestId $env:CSCERTIFICATE_TEST_ID -Path (Join-Path $out 'web2.pem') -KeyPath (Join-Path $out 'web2.key') -Password $password
        }

        $result.Errors | Should -BeNullOrEmpty
        $out = $Environment.CSCERTIFICATE_TEST_OUT
        @($result.Output.FullName) | Should -Be @((Join-Path $out 'web.pem'), (Join-Path $out 'web.key'), (Join-Path $out 'web2.pem'), (Join-Path $out 'web2.key'))
        $certificates = Get-Content -Raw (Join-Path $out 'web.pem')
        ([regex]::Matches($certificates, '-----BEGIN CERTIFICATE-----')).Count | Should -Be 2
        Get-CertificateThumbprint (Join-Path $out 'web.pem') | Should -Be $Issued.Thumbprint
        (Get-Content -Raw (Join-Path $out 'web.key')) | Should -Match '^-----BEGIN PRIVATE KEY-----'
        Invoke-OpenSsl pkey -in (Join-Path $out 'web.key') -pubout | Should -Be (Invoke-OpenSsl x509 -in (Join-Path $out 'web.pem') -noout -pubkey)
        (Get-Content -Raw (Join-Path $out 'web2.key')) | Should -Match '^-----BEGIN ENCRYPTED PRIVATE KEY-----'
        Invoke-OpenSsl pkey -in (Join-Path $out 'web2.key') -passin "pass:$Password" -pubout | Should -Be (Invoke-OpenSsl x509 -in (Join-Path $out 'web.pem') -noout -pubkey)
        if (-not $IsWindows) {
            foreach ($key in 'web.key', 'web2.key') {
                [Convert]::ToString([int](Get-Item (Join-Path $out $key)).UnixFileMode, 8) | Should -Be '600' -Because "$key holds a private key"
            }
        }
    }

    It 'exports the Issued requests piped from -List into a folder, each file named from its id and Subject CN' {
        $env:CSCERTIFICATE_HOME = $Environment.CSCERTIFICATE_HOME
        $offline = Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $LitwareTopology -Output (Join-Path $TestDrive 'offline.csr')
        $folder = New-OutFolder
        $environment = $Environment.Clone()
        $environment.CSCERTIFICATE_TEST_OUT = $folder

        $result = Invoke-InChild -Environment $environment -Script {
            $password = ConvertTo-SecureString $env:CSCERTIFICATE_TEST_PASSWORD -AsPlainText -Force
            Request-CsCertificate -List | Where-Object Status -eq Issued | Export-CsCertificate -Path $env:CSCERTIFICATE_TEST_OUT -Password $password
        }

        $result.Errors | Should -BeNullOrEmpty
        @(Get-ChildItem $folder).Name | Should -Be @("$($Issued.RequestId)-atl-cs-001.litwareinc.com.pfx")
        Get-PfxInfo (Join-Path $folder "$($Issued.RequestId)-atl-cs-001.litwareinc.com.pfx") | Should -Match 'friendlyName: Litware Export'
        $offline.RequestStatus | Should -Be 'Offline'
    }

    Context 'refusals' {
        BeforeAll {
            # Every case runs in one child, each with its own output folder; the data folder must not change.
            $env:CSCERTIFICATE_HOME = $Environment.CSCERTIFICATE_HOME
            $script:Offline = Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $LitwareTopology -Output (Join-Path $TestDrive 'refused.csr')
            $script:Cases = [ordered]@{
                Offline  = @{ Script = 'Export-CsCertificate -RequestId {OFFLINE} -Path (Join-Path {OUT} x.pfx) -Password (ConvertTo-SecureString x -AsPlainText -Force)' }
                Unknown  = @{ Script = 'Export-CsCertificate -RequestId 4242 -Path (Join-Path {OUT} x.pfx) -Password (ConvertTo-SecureString x -AsPlainText -Force)' }
                Empty    = @{ Script = 'Export-CsCertificate -RequestId {ID} -Path (Join-Path {OUT} x.pfx) -Password ([securestring]::new())' }
                Exists   = @{ Script = 'Export-CsCertificate -RequestId {ID} -Path (Join-Path {OUT} x.pfx) -Password (ConvertTo-SecureString x -AsPlainText -Force)'; Existing = 'x.pfx' }
                KeyExists = @{ Script = 'Export-CsCertificate -RequestId {ID} -Path (Join-Path {OUT} x.pem) -KeyPath (Join-Path {OUT} x.key)'; Existing = 'x.key' }
                SameFile = @{ Script = 'Export-CsCertificate -RequestId {ID} -Path (Join-Path {OUT} x.pem) -KeyPath (Join-Path {OUT} x.pem)' }
                WhatIf   = @{ Script = 'Export-CsCertificate -RequestId {ID} -Path (Join-Path {OUT} x.pfx) -Password (ConvertTo-SecureString x -AsPlainText -Force) -WhatIf -Report (Join-Path {OUT} x.html)' }
            }
            foreach ($name in @($Cases.Keys)) {
                $case = $Cases[$name]
                $case.Out = New-OutFolder
                if ($case.Existing) { Set-Content -Path (Join-Path $case.Out $case.Existing) -Value 'earlier' }
                $case.Before = @(Get-ChildItem $case.Out | ForEach-Object { "$($_.Name) $((Get-FileHash $_.FullName).Hash)" })
                $case.Script = $case.Script.Replace('{OUT}', "'$($case.Out)'").Replace('{ID}', $Issued.RequestId).Replace('{OFFLINE}', $Offline.RequestId)
            }
            $script:StoreBefore = @(Get-ChildItem $Environment.CSCERTIFICATE_HOME -Recurse -File | ForEach-Object { "$($_.FullName) $((Get-FileHash $_.FullName).Hash)" })
            $casesFile = Join-Path $TestDrive 'refusal-cases.json'
            @($Cases.Keys | ForEach-Object { [pscustomobject]@{ Name = $_; Script = $Cases[$_].Script } }) | ConvertTo-Json | Set-Content -Path $casesFile
            $environment = $Environment.Clone()
            $environment.CSCERTIFICATE_TEST_CASES = $casesFile
            $script:Refusals = Invoke-InChild -Environment $environment -Script {
                foreach ($case in Get-Content -Raw $env:CSCERTIFICATE_TEST_CASES | ConvertFrom-Json) {
                    $records = try { @(& ([scriptblock]::Create($case.Script)) 2>&1) } catch { @($_) }
                    $failures = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
                    [pscustomobject]@{ Name = $case.Name; Ids = @($failures | ForEach-Object FullyQualifiedErrorId); Written = $records.Count - $failures.Count }
                }
            }
        }

        It 'refuses <Case> with <ErrorId> and writes nothing' -ForEach @(
            @{ Name = 'Offline'; Case = 'an Offline request'; ErrorId = 'ExportRequestNotIssued' }
            @{ Name = 'Unknown'; Case = 'an unknown request'; ErrorId = 'RequestNotFound' }
            @{ Name = 'Empty'; Case = 'an empty password'; ErrorId = 'ExportPasswordEmpty' }
            @{ Name = 'Exists'; Case = 'an existing file without -Force'; ErrorId = 'ExportFileExists' }
            @{ Name = 'KeyExists'; Case = 'an existing key file without -Force'; ErrorId = 'ExportKeyFileExists' }
            @{ Name = 'SameFile'; Case = 'a -KeyPath that is -Path'; ErrorId = 'PathConflict' }
        ) {
            $outcome = $Refusals.Output | Where-Object Name -eq $Name
            @($outcome.Ids) | Should -Be @("$ErrorId$ExportSuffix")
            $outcome.Written | Should -Be 0
            @(Get-ChildItem $Cases[$Name].Out | ForEach-Object { "$($_.Name) $((Get-FileHash $_.FullName).Hash)" }) | Should -Be $Cases[$Name].Before
        }

        It 'says what it would do with -WhatIf and writes nothing, not even the report' {
            $outcome = $Refusals.Output | Where-Object Name -eq 'WhatIf'
            @($outcome.Ids) | Should -BeNullOrEmpty
            $outcome.Written | Should -Be 0
            $Refusals.Host | Should -Match 'What if: .*Export the certificate and its private key'
            Get-ChildItem $Cases['WhatIf'].Out | Should -BeNullOrEmpty
        }

        It 'leaves the data folder as it was' {
            @(Get-ChildItem $Environment.CSCERTIFICATE_HOME -Recurse -File | ForEach-Object { "$($_.FullName) $((Get-FileHash $_.FullName).Hash)" }) | Should -Be $StoreBefore
        }
    }

    It 'refuses a certificate that is no longer in the store with ExportCertificateNotFound' {
        $environment = New-ExportEnvironment
        $gone = New-IssuedRequest $environment 'gone'
        $environment.CSCERTIFICATE_TEST_THUMBPRINT = $gone.Thumbprint

        $result = Invoke-InChild -Environment $environment -Script {
            $location = if ($IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop') { 'LocalMachine' } else { 'CurrentUser' }
            $store = [System.Security.Cryptography.X509Certificates.X509Store]::new('My', $location)
            $store.Open('ReadWrite')
            $store.Certificates.Find('FindByThumbprint', $env:CSCERTIFICATE_TEST_THUMBPRINT, $false) | ForEach-Object { $store.Remove($_) }
            $store.Close()
            Export-CsCertificate -RequestId $env:CSCERTIFICATE_TEST_ID -Path (Join-Path $env:CSCERTIFICATE_TEST_OUT 'gone.pfx') -Password (ConvertTo-SecureString 'x' -AsPlainText -Force)
        }

        $result.Errors[0].Id | Should -Be "ExportCertificateNotFound$ExportSuffix"
        $result.Errors[0].Message | Should -Match "Request $($gone.RequestId) cannot be exported"
        $result.Errors[0].Message | Should -Match $gone.Thumbprint
        Join-Path $environment.CSCERTIFICATE_TEST_OUT 'gone.pfx' | Should -Not -Exist
    }

    It 'refuses on Windows a request made with -PrivateKeyExportable $false, naming the parameter; elsewhere exports it' {
        $environment = New-ExportEnvironment
        New-IssuedRequest $environment 'kept-inside' -Exportable $false | Out-Null

        $result = Invoke-InChild -Environment $environment -Script $ExportPfx

        if ($IsWindows) {
            $result.Errors[0].Id | Should -Be "ExportKeyNotExportable$ExportSuffix"
            $result.Errors[0].Message | Should -Match '-PrivateKeyExportable \$false'
            Join-Path $environment.CSCERTIFICATE_TEST_OUT 'export.pfx' | Should -Not -Exist
        }
        else {
            $result.Errors | Should -BeNullOrEmpty -Because '.NET''s store on Linux and macOS cannot keep a key non-exportable'
            Get-PfxInfo (Join-Path $environment.CSCERTIFICATE_TEST_OUT 'export.pfx') | Should -Match 'friendlyName: kept-inside'
        }
    }

    It 'writes an ECDH key without a provider name' {
        $environment = New-ExportEnvironment
        New-IssuedRequest $environment 'ec-key' -KeyAlg ECDH_P256 | Out-Null

        $result = Invoke-InChild -Environment $environment -Script $ExportPfx

        $result.Errors | Should -BeNullOrEmpty
        $pfx = Join-Path $environment.CSCERTIFICATE_TEST_OUT 'export.pfx'
        Get-PfxInfo $pfx | Should -Not -Match 'Microsoft CSP Name'
        $pair = Get-PfxKeyPair $pfx
        $pair.Key | Should -Be $pair.Certificate
    }

    It 'completes -RequestId with the Issued requests only' {
        $environment = New-ExportEnvironment
        $issued = New-IssuedRequest $environment 'completion'
        $env:CSCERTIFICATE_HOME = $environment.CSCERTIFICATE_HOME
        Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $LitwareTopology -Output (Join-Path $TestDrive 'completion-offline.csr') | Out-Null

        $result = Invoke-InChild -Environment $environment -Script {
            $line = 'Export-CsCertificate -RequestId '
            [pscustomobject]@{ Offered = @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText) }
        }

        @($result.Output[0].Offered) | Should -Be @("$($issued.RequestId)")
    }
}

Describe 'Export-CsCertificate of an ACME certificate' {
    BeforeAll {
        if ($PebbleMissing) { return }
        $script:Pebble = Start-TestPebble -Folder (Join-Path $TestDrive 'pebble-export')
    }

    AfterAll {
        if ($script:Pebble) { Stop-TestPebble $script:Pebble }
    }

    It 'writes the certificate pebble issued with its key and pebble''s intermediate, which openssl reads without -legacy' {
        if ($PebbleMissing) { Set-ItResult -Skipped -Because $PebbleMissing; return }
        $environment = New-ExportEnvironment
        $environment.CSCERTIFICATE_TEST_CA = $Pebble.Directory
        $environment.CSCERTIFICATE_TEST_TOPOLOGY = $LitwareTopology -join [IO.Path]::PathSeparator
        foreach ($key in $Pebble.Environment.Keys) { $environment[$key] = $Pebble.Environment[$key] }

        $result = Invoke-InChild -Environment $environment -Script {
            $request = Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -CA $env:CSCERTIFICATE_TEST_CA `
                -TopologyPath ($env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator) -FriendlyName 'ACME export' -PrivateKeyExportable $true
            $request
            $password = ConvertTo-SecureString $env:CSCERTIFICATE_TEST_PASSWORD -AsPlainText -Force
            $request | Export-CsCertificate -Path (Join-Path $env:CSCERTIFICATE_TEST_OUT 'acme.pfx') -Password $password
        }

        $result.Errors | Should -BeNullOrEmpty
        $issued = $result.Output | Where-Object { $_.PSObject.Properties['RequestStatus'] } | Select-Object -First 1
        $issued.RequestStatus | Should -Be 'Issued'
        $pfx = Join-Path $environment.CSCERTIFICATE_TEST_OUT 'acme.pfx'
        $info = Get-PfxInfo $pfx
        $info | Should -Match 'Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC'
        $info | Should -Match 'MAC: sha1'
        $info | Should -Match 'friendlyName: ACME export'
        $info | Should -Match 'Microsoft CSP Name: Microsoft RSA SChannel Cryptographic Provider'
        $subjects = Get-Subjects $info
        $subjects[0] | Should -Be 'atl-cs-001.litwareinc.com'
        $subjects[1] | Should -Match 'Pebble Intermediate CA'
        $pair = Get-PfxKeyPair $pfx
        $pair.Key | Should -Be $pair.Certificate
        Get-CertificateThumbprint "$pfx.cert.pem" | Should -Be $issued.Thumbprint
    }
}

Describe 'Where the certificate is, said truthfully' {
    It 'never sends a user on Linux or macOS to a Cert: drive, in any stream, output or report' {
        if ($IsWindows) { Set-ItResult -Skipped -Because 'Windows has the Cert: drive, and the module names Cert:\LocalMachine\My there'; return }
        $environment = New-ExportEnvironment
        $work = $environment.CSCERTIFICATE_TEST_OUT
        $environment.CSCERTIFICATE_TEST_TOPOLOGY = $LitwareTopology -join [IO.Path]::PathSeparator
        $csr = Join-Path $work 'truth.csr'
        $env:CSCERTIFICATE_HOME = $environment.CSCERTIFICATE_HOME
        Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $LitwareTopology -Output $csr | Out-Null
        $leaf = New-IssuedCertificate $Root $csr 'truth'
        $environment.CSCERTIFICATE_TEST_FILE = $leaf
        Invoke-OpenSsl req -x509 -newkey rsa:2048 -nodes -keyout (Join-Path $work 'p.key') -out (Join-Path $work 'p.pem') -days 2 -subj '/CN=oauth.litwareinc.com' | Out-Null
        Invoke-OpenSsl pkcs12 -export -in (Join-Path $work 'p.pem') -inkey (Join-Path $work 'p.key') -out (Join-Path $work 'p.pfx') -passout "pass:$Password" | Out-Null

        $result = Invoke-InChild -Environment $environment -Script {
            $work = $env:CSCERTIFICATE_TEST_OUT
            Import-CsCertificate -Path $env:CSCERTIFICATE_TEST_FILE -Verbose -Report (Join-Path $work 'import.html')
            Import-CsCertificate -Path (Join-Path $work 'p.pfx') -Password $env:CSCERTIFICATE_TEST_PASSWORD -Verbose -Report (Join-Path $work 'pfx.html')
            Request-CsCertificate -List -Verbose -Report (Join-Path $work 'list.html') | Format-List * | Out-String
            Request-CsCertificate -Retrieve -RequestId 1 -Verbose
            Export-CsCertificate -RequestId 1 -Path (Join-Path $work 'truth.pfx') -Password (ConvertTo-SecureString 'x' -AsPlainText -Force) -Verbose -Report (Join-Path $work 'export.html')
        }

        $result.Errors | Should -BeNullOrEmpty
        $text = (@($result.Output | Format-List * | Out-String) + $result.Verbose + $result.Warnings + $result.Information + $result.Host) -join "`n"
        $text | Should -Match 'CurrentUser\\My\\[0-9A-F]{40}' -Because 'the output names .NET''s store'
        $text | Should -Match 'which no PowerShell drive shows; Export-CsCertificate -RequestId 1'
        $text | Should -Not -Match 'Cert:'
        foreach ($file in Get-ChildItem $work -Include '*.html', '*.xml' -Recurse) {
            Get-Content -Raw $file.FullName | Should -Not -Match 'Cert:' -Because $file.Name
        }
        foreach ($record in Get-ChildItem (Join-Path $environment.CSCERTIFICATE_HOME 'requests') -Filter '*.json') {
            Get-Content -Raw $record.FullName | Should -Not -Match 'Cert:' -Because $record.Name
        }
    }
}

Describe 'Keys on Windows that Skype for Business can use' {
    BeforeAll {
        # certutil prints the provider of a certificate's key; the key is exportable when Windows exports a PFX of it.
        function Get-KeyFacts([string] $Thumbprint) {
            $dump = & certutil -store My $Thumbprint | Out-String
            $certificate = Get-Item "Cert:\LocalMachine\My\$Thumbprint"
            $exportable = try { $null = $certificate.Export('Pfx', 'probe'); $true } catch { $false }
            [pscustomobject]@{ Dump = $dump; Exportable = $exportable }
        }

        function Remove-Installed([string] $Thumbprint) {
            $store = [System.Security.Cryptography.X509Certificates.X509Store]::new('My', 'LocalMachine')
            $store.Open('ReadWrite')
            try { $store.Certificates.Find('FindByThumbprint', $Thumbprint, $false) | ForEach-Object { $store.Remove($_) } } finally { $store.Close() }
        }
    }

    It 'puts the RSA key of an offline round trip in the SChannel CSP, non-exportable unless asked' -ForEach @(
        @{ Exportable = $false }, @{ Exportable = $true }
    ) {
        if (-not $IsWindows) { Set-ItResult -Skipped -Because 'the key providers (CryptoAPI CSP, CNG) and certutil exist on Windows only'; return }
        $environment = New-ExportEnvironment
        $issued = New-IssuedRequest $environment "csp-$Exportable" -Exportable $Exportable
        try {
            $facts = Get-KeyFacts $issued.Thumbprint
            $facts.Dump | Should -Match 'Provider = Microsoft RSA SChannel Cryptographic Provider'
            $facts.Exportable | Should -Be $Exportable
        }
        finally {
            Remove-Installed $issued.Thumbprint
        }
    }

    It 'imports an AES-256 PFX written by openssl 3 into the SChannel CSP' {
        if (-not $IsWindows) { Set-ItResult -Skipped -Because 'the key providers (CryptoAPI CSP, CNG) and certutil exist on Windows only'; return }
        $environment = New-ExportEnvironment
        $work = $environment.CSCERTIFICATE_TEST_OUT
        Invoke-OpenSsl req -x509 -newkey rsa:2048 -nodes -keyout (Join-Path $work 'a.key') -out (Join-Path $work 'a.pem') -days 2 -subj '/CN=oauth.litwareinc.com' | Out-Null
        Invoke-OpenSsl pkcs12 -export -in (Join-Path $work 'a.pem') -inkey (Join-Path $work 'a.key') -out (Join-Path $work 'a.pfx') -passout "pass:$Password" | Out-Null
        Invoke-OpenSsl pkcs12 -info -in (Join-Path $work 'a.pfx') -passin "pass:$Password" -noout | Should -Match 'AES-256-CBC'
        $environment.CSCERTIFICATE_TEST_FILE = Join-Path $work 'a.pfx'

        $result = Invoke-InChild -Environment $environment -Script { Import-CsCertificate -Path $env:CSCERTIFICATE_TEST_FILE -Password $env:CSCERTIFICATE_TEST_PASSWORD }

        $result.Errors | Should -BeNullOrEmpty
        try {
            (Get-KeyFacts $result.Output[0].Thumbprint).Dump | Should -Match 'Provider = Microsoft RSA SChannel Cryptographic Provider'
        }
        finally {
            Remove-Installed $result.Output[0].Thumbprint
        }
    }
}
