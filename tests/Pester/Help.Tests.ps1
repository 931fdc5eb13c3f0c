# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# The help that build.ps1 generates from docs/<culture>/*.md: for each cmdlet and culture, Get-Help shows a
# written synopsis, a description, every parameter of the command with a description, and examples that parse.
# Each culture is read in a child PowerShell started with that UI culture, as a user of that language would
# see it: $env:LANG and $env:LC_ALL choose the culture of .NET on Linux and macOS before the module is imported,
# and the child also sets [CultureInfo]::CurrentUICulture itself, which is what Windows goes by. 'Choosing the
# culture' checks each of the two ways alone, and the English fallback of other cultures.

BeforeDiscovery {
    $script:Cultures = @('en-US', 'ko-KR')
    $script:Commands = @(
        @{ Command = 'Request-CsCertificate'; MinimumExamples = 9 }
        @{ Command = 'Import-CsCertificate'; MinimumExamples = 3 }
        @{ Command = 'Export-CsCertificate'; MinimumExamples = 4 }
        @{ Command = 'Update-CsCertificate'; MinimumExamples = 5 }
    )
    $script:HelpCases = foreach ($culture in $Cultures) {
        foreach ($command in $Commands) { @{ Culture = $culture; Command = $command.Command; MinimumExamples = $command.MinimumExamples } }
    }
    $script:CultureCases = foreach ($culture in $Cultures) { @{ Culture = $culture } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    $script:HelpByCulture = @{}
    $script:EnvironmentVariables = 'CSCERTIFICATE_HOME', 'CSCERTIFICATE_TOPOLOGY', 'CSCERTIFICATE_ACME_WAIT',
        'CSCERTIFICATE_HTTP01_PORT', 'CSCERTIFICATE_HTTP01_ADDRESS', 'CSCERTIFICATE_ACME_CONTACT', 'CSCERTIFICATE_DNS_RESOLVER'

    # The environment of a child PowerShell that runs in the given UI culture.
    function Get-CultureEnvironment([string] $Culture) {
        $locale = "$($Culture.Replace('-', '_')).UTF-8"
        @{ LANG = $locale; LC_ALL = $locale; CSCERTIFICATE_TEST_CULTURE = $Culture; CSCERTIFICATE_HOME = (New-TestHome) }
    }

    # What Get-Help shows in a culture, read once per culture in a child PowerShell and handed back as JSON.
    function Get-CultureHelp([string] $Culture) {
        if (-not $HelpByCulture.ContainsKey($Culture)) {
            $result = Invoke-InChild -Environment (Get-CultureEnvironment $Culture) -Script {
                [System.Globalization.CultureInfo]::CurrentUICulture = $env:CSCERTIFICATE_TEST_CULTURE
                $text = { param($Items) (@($Items | ForEach-Object { $_.Text }) -join "`n").Trim() }
                $commands = foreach ($name in 'Request-CsCertificate', 'Import-CsCertificate', 'Export-CsCertificate', 'Update-CsCertificate') {
                    $help = Get-Help $name -Full
                    [pscustomobject]@{
                        Name        = $name
                        Synopsis    = "$($help.Synopsis)".Trim()
                        Description = & $text $help.description
                        Parameters  = @($help.parameters.parameter | ForEach-Object {
                                [pscustomobject]@{
                                    Name          = $_.name
                                    Description   = & $text $_.description
                                    Required      = "$($_.required)"
                                    PipelineInput = "$($_.pipelineInput)"
                                    Values        = @(if ($_.parameterValueGroup) { $_.parameterValueGroup.parameterValue | ForEach-Object { "$_" } })
                                }
                            })
                        Syntax      = @($help.syntax.syntaxItem | ForEach-Object { , @($_.parameter | ForEach-Object { $_.name }) })
                        Examples    = @($help.examples.example | ForEach-Object { [pscustomobject]@{ Title = "$($_.title)"; Code = "$($_.code)"; Remarks = & $text $_.remarks } })
                        HelpFile    = (Get-Command $name).HelpFile
                    }
                }
                $json = [pscustomobject]@{
                    UICulture = $PSUICulture
                    Commands  = @($commands)
                    About     = Get-Help about_CsCertificate | Out-String -Width 200
                } | ConvertTo-Json -Depth 8 -Compress
                [pscustomobject]@{ Json = $json }
            }
            $result.Errors | Should -BeNullOrEmpty -Because "Get-Help runs without errors in $Culture"
            $HelpByCulture[$Culture] = ($result.Output | Where-Object { $_.PSObject.Properties['Json'] } | Select-Object -Last 1).Json | ConvertFrom-Json
        }
        return $HelpByCulture[$Culture]
    }

    # The synopsis as the markdown source has it, so that the test knows which culture's file Get-Help read.
    function Get-SourceSynopsis([string] $Culture, [string] $Command) {
        $lines = Get-Content -Path (Join-Path $RepositoryRoot "docs/$Culture/$Command.md") -Encoding utf8
        $start = [array]::IndexOf($lines, '## SYNOPSIS')
        (($lines[($start + 1)..($lines.Count - 1)] | ForEach-Object { $_ } | Select-Object -First 1)).Trim()
    }

    $script:Common = [System.Management.Automation.PSCmdlet]::CommonParameters
}

Describe 'Help of <Command> in <Culture>' -ForEach $HelpCases {
    BeforeAll {
        $script:Help = (Get-CultureHelp $Culture).Commands | Where-Object Name -eq $Command
        $script:CommandInfo = Get-Command $Command
    }

    It 'is read in <Culture>' {
        (Get-CultureHelp $Culture).UICulture | Should -Be $Culture
        $Help.HelpFile | Should -BeLike '*CsCertificate.dll-Help.xml'
        Join-Path (Split-Path $ModuleManifest) "$Culture/CsCertificate.dll-Help.xml" | Should -Exist
    }

    It 'shows the written synopsis of docs/<Culture>, not the generated one' {
        $Help.Synopsis | Should -Not -BeNullOrEmpty
        $Help.Synopsis | Should -Not -Match "^\s*$Command\s+[-\[]"
        $Help.Synopsis | Should -Be (Get-SourceSynopsis $Culture $Command)
        if ($Culture -eq 'ko-KR') {
            $Help.Synopsis | Should -Match '\p{IsHangulSyllables}'
            $Help.Synopsis | Should -Not -Be ((Get-CultureHelp 'en-US').Commands | Where-Object Name -eq $Command).Synopsis
        }
    }

    It 'has a description' {
        $Help.Description.Length | Should -BeGreaterThan 200
    }

    It 'documents every parameter of Get-Command with a description' {
        $documented = @($Help.Parameters | ForEach-Object Name)
        foreach ($name in $CommandInfo.Parameters.Keys | Where-Object { $_ -notin $Common }) {
            $documented | Should -Contain $name -Because "-$name is a parameter of $Command"
            ($Help.Parameters | Where-Object Name -eq $name).Description | Should -Not -BeNullOrEmpty -Because "-$name needs a description"
        }
        foreach ($name in $documented) {
            $CommandInfo.Parameters.Keys | Should -Contain $name -Because "the help documents -$name"
        }
    }

    It 'agrees with Get-Command on the parameter sets, mandatory parameters, pipeline input and accepted values' {
        $sets = @($CommandInfo.ParameterSets | ForEach-Object { , @($_.Parameters.Name | Where-Object { $_ -notin $Common } | Sort-Object) })
        $Help.Syntax.Count | Should -Be $sets.Count
        foreach ($syntax in $Help.Syntax) {
            $names = @($syntax | Sort-Object) -join ','
            @($sets | ForEach-Object { $_ -join ',' }) | Should -Contain $names
        }
        foreach ($parameter in $Help.Parameters) {
            $metadata = $CommandInfo.Parameters[$parameter.Name]
            $mandatory = @($metadata.ParameterSets.Values | Where-Object IsMandatory).Count -gt 0
            [bool]::Parse($parameter.Required) | Should -Be $mandatory -Because "-$($parameter.Name) is mandatory in a set: $mandatory"
            $byName = @($metadata.ParameterSets.Values | Where-Object ValueFromPipelineByPropertyName).Count -gt 0
            ($parameter.PipelineInput -like 'True (ByPropertyName)*') | Should -Be $byName -Because "-$($parameter.Name) pipeline input"
            $type = if ($metadata.ParameterType.IsArray) { $metadata.ParameterType.GetElementType() } else { $metadata.ParameterType }
            $validateSet = $metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }
            $expected = if ($validateSet) { @($validateSet.ValidValues) } elseif ($type.IsEnum) { [enum]::GetNames($type) } else { @() }
            @($parameter.Values) | Should -Be @($expected) -Because "the accepted values of -$($parameter.Name)"
        }
    }

    It 'has at least <MinimumExamples> examples, each of them code that parses' {
        $Help.Examples.Count | Should -BeGreaterOrEqual $MinimumExamples
        foreach ($example in $Help.Examples) {
            $example.Code | Should -Not -BeNullOrEmpty -Because $example.Title
            $example.Remarks | Should -Not -BeNullOrEmpty -Because $example.Title
            $errors = $null
            [System.Management.Automation.Language.Parser]::ParseInput($example.Code, [ref]$null, [ref]$errors) | Out-Null
            $errors | Should -BeNullOrEmpty -Because "the code of '$($example.Title)' must parse"
        }
    }
}

Describe 'about_CsCertificate in <Culture>' -ForEach $CultureCases {
    It 'is shown by Get-Help, in <Culture>, and names every environment variable' {
        $about = (Get-CultureHelp $Culture).About
        $about | Should -Match 'about_CsCertificate'
        foreach ($variable in $EnvironmentVariables) {
            $about | Should -Match $variable
        }
        if ($Culture -eq 'ko-KR') { $about | Should -Match '\p{IsHangulSyllables}' } else { $about | Should -Not -Match '\p{IsHangulSyllables}' }
        Join-Path (Split-Path $ModuleManifest) "$Culture/about_CsCertificate.help.txt" | Should -Exist
    }
}

Describe 'Messages in <Culture>' -ForEach $CultureCases {
    It 'shows the error message of a failing command in <Culture>' {
        [xml] $resx = Get-Content -Raw -Path (Join-Path $RepositoryRoot "src/CsCertificate.Core/Resources/$(if ($Culture -eq 'en-US') { 'Strings.resx' } else { "Strings.$Culture.resx" })") -Encoding utf8
        $format = ($resx.root.data | Where-Object name -eq 'RequestNotFound').value

        $result = Invoke-InChild -Environment (Get-CultureEnvironment $Culture) -Script {
            [System.Globalization.CultureInfo]::CurrentUICulture = $env:CSCERTIFICATE_TEST_CULTURE
            Request-CsCertificate -List -RequestId 424242
        }

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].Id | Should -Be "RequestNotFound$FullyQualifiedSuffix"
        $result.Errors[0].Message | Should -Be ([string]::Format($format, 424242))
        if ($Culture -eq 'ko-KR') { $result.Errors[0].Message | Should -Match '\p{IsHangulSyllables}' }
    }

    It 'ships the messages of <Culture> next to the engine, under Dependencies' {
        if ($Culture -eq 'en-US') {
            Join-Path (Split-Path $ModuleManifest) 'Dependencies/CsCertificate.Core.dll' | Should -Exist
        }
        else {
            Join-Path (Split-Path $ModuleManifest) "Dependencies/$Culture/CsCertificate.Core.resources.dll" | Should -Exist
        }
    }
}

Describe 'Choosing the culture' {
    BeforeAll {
        # The culture, synopsis and a message that a child sees; the child sets its UI culture only when asked.
        function Invoke-CultureProbe([hashtable] $Environment, [string] $UICulture = '') {
            $Environment.CSCERTIFICATE_HOME = New-TestHome
            $Environment.CSCERTIFICATE_TEST_CULTURE = $UICulture
            $result = Invoke-InChild -Environment $Environment -Script {
                if ($env:CSCERTIFICATE_TEST_CULTURE) { [System.Globalization.CultureInfo]::CurrentUICulture = $env:CSCERTIFICATE_TEST_CULTURE }
                $message = try { Request-CsCertificate -List -RequestId 424242 -ErrorAction Stop } catch { $_.Exception.Message }
                [pscustomobject]@{ Culture = $PSUICulture; Synopsis = "$((Get-Help Request-CsCertificate).Synopsis)".Trim(); Message = $message }
            }
            $result.Output[0]
        }
        $script:KoreanSynopsis = Get-SourceSynopsis 'ko-KR' 'Request-CsCertificate'
        $script:EnglishSynopsis = Get-SourceSynopsis 'en-US' 'Request-CsCertificate'
    }

    It 'follows $env:LANG and $env:LC_ALL on Linux and macOS' {
        if ($IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop') {
            Set-ItResult -Skipped -Because 'Windows takes the UI culture from the user profile, not from LANG'
            return
        }
        $probe = Invoke-CultureProbe @{ LANG = 'ko_KR.UTF-8'; LC_ALL = 'ko_KR.UTF-8' }
        $probe.Culture | Should -Be 'ko-KR'
        $probe.Synopsis | Should -Be $KoreanSynopsis
        $probe.Message | Should -Match '\p{IsHangulSyllables}'
    }

    It 'follows [CultureInfo]::CurrentUICulture set in the session, even after the module is imported' {
        $probe = Invoke-CultureProbe @{ LANG = 'C.UTF-8'; LC_ALL = 'C.UTF-8' } 'ko-KR'
        $probe.Culture | Should -Be 'ko-KR'
        $probe.Synopsis | Should -Be $KoreanSynopsis
        $probe.Message | Should -Match '\p{IsHangulSyllables}'
    }

    It 'falls back to English for a culture the module does not have' {
        $probe = Invoke-CultureProbe @{ LANG = 'de_DE.UTF-8'; LC_ALL = 'de_DE.UTF-8' } 'de-DE'
        $probe.Culture | Should -Be 'de-DE'
        $probe.Synopsis | Should -Be $EnglishSynopsis
        $probe.Message | Should -BeLike 'No certificate request with RequestId 424242 is stored.*'
    }
}

Describe 'Generated help files' {
    It 'are well-formed MAML with one command per cmdlet page' -ForEach $CultureCases {
        [xml] $maml = Get-Content -Raw -Path (Join-Path (Split-Path $ModuleManifest) "$Culture/CsCertificate.dll-Help.xml") -Encoding utf8
        $maml.helpItems.schema | Should -Be 'maml'
        @($maml.helpItems.command | ForEach-Object { $_.details.name }) | Sort-Object | Should -Be @('Export-CsCertificate', 'Import-CsCertificate', 'Request-CsCertificate', 'Update-CsCertificate')
    }

    It 'are kept out of git' {
        $git = Get-Command git -ErrorAction SilentlyContinue
        if (-not $git -or -not (Test-Path (Join-Path $RepositoryRoot '.git'))) {
            Set-ItResult -Skipped -Because 'the tests do not run in a git working copy'
            return
        }
        $tracked = @(& git -C $RepositoryRoot ls-files -- '*.dll-Help.xml' '*about_*.help.txt')
        $tracked | Should -BeNullOrEmpty
        foreach ($path in 'docs/en-US/CsCertificate.dll-Help.xml', 'docs/ko-KR/about_CsCertificate.help.txt', 'en-US/CsCertificate.dll-Help.xml') {
            & git -C $RepositoryRoot check-ignore -q -- $path
            $LASTEXITCODE | Should -Be 0 -Because "$path is generated and must be ignored"
        }
    }
}
