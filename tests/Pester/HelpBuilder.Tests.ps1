# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# The build's help generator (tools/HelpBuilder) on its own, with the pages of a made-up Widget module in both
# cultures (TestFiles/HelpBuilder/docs): the MAML read back as XML and through Get-Help, the about topic wrapped by
# display width (a Korean syllable takes two columns), and a malformed page refused with its file and line.
# Help.Tests.ps1 checks the help generated for CsCertificate itself.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../tools/HelpBuilder/HelpBuilder.psd1') -Force
    $script:Docs = Join-Path $PSScriptRoot 'TestFiles/HelpBuilder/docs'

    # The widths a terminal gives: Hangul (and the other East Asian wide blocks) two columns, the rest one.
    function Get-TerminalWidth([string] $Text) {
        $wide = [regex]::Matches($Text, '[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFF00-\uFF60]').Count
        return $Text.Length + $wide
    }

    # The text under a heading of a fixture page (the lines up to the next heading, blank lines dropped).
    function Get-FixtureText([string] $Path, [string] $Heading) {
        $lines = [System.IO.File]::ReadAllLines($Path, [System.Text.Encoding]::UTF8)
        $start = [array]::IndexOf($lines, $Heading)
        @($lines | Select-Object -Skip ($start + 1) | ForEach-Object -Begin { $go = $true } -Process { if ($_.StartsWith('#')) { $go = $false }; if ($go -and $_) { $_ } })
    }

    # The MAML of one culture's fixture pages, as XML with the MAML prefixes bound.
    function Read-Maml([string] $Culture) {
        $destination = Join-Path (New-Item -ItemType Directory -Path (Join-Path $TestDrive "maml-$Culture") -Force).FullName 'Widget.dll-Help.xml'
        ConvertTo-MamlHelp -Path (Join-Path $Docs "$Culture/Get-Widget.md") -Destination $destination -ModuleName Widget
        $xml = [xml][System.IO.File]::ReadAllText($destination, [System.Text.Encoding]::UTF8)
        $namespaces = [System.Xml.XmlNamespaceManager]::new($xml.NameTable)
        $namespaces.AddNamespace('msh', 'http://msh')
        $namespaces.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
        $namespaces.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $namespaces.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')
        [pscustomobject]@{ Path = $destination; Xml = $xml; Namespaces = $namespaces }
    }

    function Select-Maml($Maml, [string] $XPath, $Node = $Maml.Xml) { @($Node.SelectNodes($XPath, $Maml.Namespaces)) }

    # A copy of a fixture page with one line changed, and the number of that line.
    function New-BrokenPage([string] $Source, [string] $Line, [string] $Replacement) {
        $lines = [System.Collections.Generic.List[string]]([System.IO.File]::ReadAllLines($Source, [System.Text.Encoding]::UTF8))
        $index = $lines.IndexOf($Line)
        if ($index -lt 0) { throw "$Source has no line '$Line'." }
        $lines[$index] = $Replacement
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))) -Force
        $path = Join-Path $folder.FullName (Split-Path $Source -Leaf)
        [System.IO.File]::WriteAllText($path, ($lines -join "`n"), [System.Text.UTF8Encoding]::new($false))
        [pscustomobject]@{ Path = $path; Line = $index + 1 }
    }
}

Describe 'ConvertTo-MamlHelp' {
    It 'writes the command, its synopsis and description in <Culture>' -ForEach @(@{ Culture = 'en-US' }, @{ Culture = 'ko-KR' }) {
        $page = Join-Path $Docs "$Culture/Get-Widget.md"
        $maml = Read-Maml $Culture

        $command = @(Select-Maml $maml '/msh:helpItems/command:command')
        $command | Should -HaveCount 1
        @('name', 'verb', 'noun' | ForEach-Object { (Select-Maml $maml "command:details/command:$_" $command[0]).InnerText }) | Should -Be @('Get-Widget', 'Get', 'Widget')
        $synopsis = (Select-Maml $maml 'command:details/maml:description/maml:para' $command[0]).InnerText
        $synopsis | Should -Be ((Get-FixtureText $page '## SYNOPSIS') -join ' ').Replace('**', '') -Because 'inline markup goes'
        $description = @(Select-Maml $maml 'maml:description/maml:para' $command[0] | ForEach-Object InnerText)
        $description | Should -HaveCount 2
        $description[1] | Should -Match '-Force.*about_Widget' -Because 'a link keeps its text'
        $description[1] | Should -Not -Match '\]\(|about_Widget\.md' -Because 'a link to a page of the module loses its target'
        if ($Culture -eq 'ko-KR') { $synopsis | Should -Match '\p{IsHangulSyllables}' }
    }

    It 'writes each parameter set with its parameters, types, required, position and pipeline input (<Culture>)' -ForEach @(@{ Culture = 'en-US' }, @{ Culture = 'ko-KR' }) {
        $maml = Read-Maml $Culture
        $sets = @(Select-Maml $maml '//command:syntax/command:syntaxItem')
        $sets | Should -HaveCount 2
        @(Select-Maml $maml 'command:parameter/maml:name' $sets[0] | ForEach-Object InnerText) | Should -Be @('Name', 'Force')
        @(Select-Maml $maml 'command:parameter/maml:name' $sets[1] | ForEach-Object InnerText) | Should -Be @('Id')

        $parameters = @{}
        foreach ($parameter in Select-Maml $maml '//command:parameters/command:parameter') {
            $parameters[(Select-Maml $maml 'maml:name' $parameter).InnerText] = $parameter
        }
        $parameters.Keys | Sort-Object | Should -Be @('Force', 'Id', 'Name')

        $name = $parameters.Name
        $name.required | Should -Be 'true'
        $name.position | Should -Be '0'
        $name.pipelineInput | Should -Be 'True (ByPropertyName, ByValue)'
        $name.globbing | Should -Be 'true'
        $name.variableLength | Should -Be 'true'
        $name.aliases | Should -Be 'WidgetName'
        (Select-Maml $maml 'dev:type/maml:name' $name).InnerText | Should -Be 'String[]'
        (Select-Maml $maml 'command:parameterValue' $name).InnerText | Should -Be 'String[]'

        $id = $parameters.Id
        $id.required | Should -Be 'true'
        $id.position | Should -Be 'named'
        $id.pipelineInput | Should -Be 'True (ByPropertyName)'
        (Select-Maml $maml 'dev:type/maml:name' $id).InnerText | Should -Be 'Int32'
        @(Select-Maml $maml 'command:parameterValueGroup/command:parameterValue' $id | ForEach-Object InnerText) | Should -Be @('1', '2', '3')

        $force = $parameters.Force
        $force.required | Should -Be 'false'
        $force.pipelineInput | Should -Be 'False'
        (Select-Maml $maml 'dev:defaultValue' $force).InnerText | Should -Be 'False'
        Select-Maml $maml 'command:parameter[maml:name="Force"]/command:parameterValue' $sets[0] | Should -BeNullOrEmpty -Because 'a switch takes no value in the syntax'
    }

    It 'writes the examples, inputs, outputs, notes and links (<Culture>)' -ForEach @(@{ Culture = 'en-US' }, @{ Culture = 'ko-KR' }) {
        $page = Join-Path $Docs "$Culture/Get-Widget.md"
        $maml = Read-Maml $Culture
        $examples = @(Select-Maml $maml '//command:examples/command:example')
        $examples | Should -HaveCount 2
        (Select-Maml $maml 'maml:title' $examples[0]).InnerText | Should -Match '^-+ .+ -+$'
        (Select-Maml $maml 'dev:code' $examples[0]).InnerText | Should -Be 'Get-Widget -Name gear'
        (Select-Maml $maml 'dev:code' $examples[1]).InnerText | Should -Be '1, 2 | ForEach-Object { Get-Widget -Id $_ }'
        $remarks = @(Select-Maml $maml 'dev:remarks/maml:para' $examples[0] | ForEach-Object InnerText)
        $remarks | Should -HaveCount 2
        $remarks[1] | Should -BeExactly '' -Because 'an empty paragraph separates the examples'

        (Select-Maml $maml '//command:inputTypes/command:inputType/dev:type/maml:name').InnerText | Should -Be 'System.String'
        (Select-Maml $maml '//command:returnValues/command:returnValue/dev:type/maml:name').InnerText | Should -Be 'Widget'
        (Select-Maml $maml '//maml:alertSet/maml:alert/maml:para').InnerText | Should -Be (Get-FixtureText $page '## NOTES')
        $links = @(Select-Maml $maml '//command:relatedLinks/maml:navigationLink')
        $links | Should -HaveCount 2
        (Select-Maml $maml 'maml:uri' $links[0]).InnerText | Should -BeExactly '' -Because 'a link to a page of the module has no address'
        (Select-Maml $maml 'maml:uri' $links[1]).InnerText | Should -Be 'https://example.com/widgets'
    }

    It 'is read by Get-Help' {
        $maml = Read-Maml 'en-US'
        $definition = "function Get-Widget {`n    # .EXTERNALHELP $($maml.Path)`n    [CmdletBinding(DefaultParameterSetName = 'ByName')]`n" +
            "    param([Parameter(ParameterSetName = 'ByName', Mandatory, Position = 0)] [string[]] `$Name, [Parameter(ParameterSetName = 'ByName')] [switch] `$Force,`n" +
            "        [Parameter(ParameterSetName = 'ById', Mandatory)] [int] `$Id)`n}"
        . ([scriptblock]::Create($definition))

        $help = Get-Help Get-Widget -Full
        $help.Synopsis | Should -Be 'Gets the widgets of a store, by name or by id.'
        $id = $help.parameters.parameter | Where-Object name -eq 'Id'
        $id.pipelineInput | Should -Be 'True (ByPropertyName)'
        $help.examples.example[0].code | Should -Be 'Get-Widget -Name gear'
    }

    It 'writes UTF-8 without a byte order mark' {
        $bytes = [System.IO.File]::ReadAllBytes((Read-Maml 'ko-KR').Path)
        $bytes[0] | Should -Be ([byte][char]'<')
    }
}

Describe 'ConvertTo-AboutHelp' {
    It 'wraps <Culture> text at <Width> columns, a wide character counting two, and keeps every word' -ForEach @(
        @{ Culture = 'ko-KR'; Width = 80 }, @{ Culture = 'ko-KR'; Width = 50 }, @{ Culture = 'en-US'; Width = 80 }
    ) {
        $source = Join-Path $Docs "$Culture/about_Widget.md"
        $destination = Join-Path $TestDrive "about_Widget-$Culture-$Width.help.txt"
        ConvertTo-AboutHelp -Path $source -Destination $destination -Width $Width

        $lines = [System.IO.File]::ReadAllLines($destination, [System.Text.Encoding]::UTF8)
        $lines[0] | Should -Be 'TOPIC'
        $lines[1] | Should -Be '    about_Widget'
        foreach ($line in $lines) { Get-TerminalWidth $line | Should -BeLessOrEqual $Width -Because "'$line' must fit" }

        # The first paragraph of LONG DESCRIPTION: indented by four, wrapped, and the same words in the same order.
        $start = [array]::IndexOf($lines, 'LONG DESCRIPTION') + 1
        $paragraph = @($lines | Select-Object -Skip $start | ForEach-Object -Begin { $go = $true } -Process { if (-not $_) { $go = $false }; if ($go) { $_ } })
        $paragraph.Count | Should -BeGreaterThan 2
        foreach ($line in $paragraph) { $line | Should -Match '^    \S' }
        ($paragraph | ForEach-Object { $_.Trim() }) -join ' ' | Should -Be ((Get-FixtureText $source '## LONG DESCRIPTION') -join ' ')
        # Lines are filled: the next word would not have fitted. With the check above, this holds only if the
        # generator counts a wide character as two columns, as the terminal does.
        if ($Culture -eq 'ko-KR') { @($paragraph | Where-Object { (Get-TerminalWidth $_) -gt $_.Length + 15 }) | Should -Not -BeNullOrEmpty }
        for ($i = 0; $i -lt $paragraph.Count - 1; $i++) {
            $next = $paragraph[$i + 1].Trim().Split(' ')[0]
            Get-TerminalWidth "$($paragraph[$i]) $next" | Should -BeGreaterThan $Width
        }
    }

    It 'indents list items under their text, tables as "Header: cell", code by four more, headings as titles' {
        $destination = Join-Path $TestDrive 'about_Widget-layout.help.txt'
        ConvertTo-AboutHelp -Path (Join-Path $Docs 'ko-KR/about_Widget.md') -Destination $destination
        $lines = [System.IO.File]::ReadAllLines($destination, [System.Text.Encoding]::UTF8)
        $lines | Should -Contain 'SHORT DESCRIPTION'
        $lines | Should -Contain '    저장소'
        $item = [array]::IndexOf($lines, ($lines | Where-Object { $_.StartsWith('      - Windows:') }))
        $item | Should -BeGreaterThan 0
        $lines[$item + 1] | Should -Match '^        \S' -Because 'a wrapped list item continues under its text'
        $lines | Should -Contain '      gear'
        @($lines | Where-Object { $_ -match '^          의미: \S' }) | Should -HaveCount 2
        $lines | Should -Contain '          Get-Widget -Name gear'
    }

    It 'writes UTF-8 with a byte order mark and "\n" line ends' {
        $destination = Join-Path $TestDrive 'about_Widget-bytes.help.txt'
        ConvertTo-AboutHelp -Path (Join-Path $Docs 'ko-KR/about_Widget.md') -Destination $destination
        $bytes = [System.IO.File]::ReadAllBytes($destination)
        $bytes[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
        $bytes | Should -Not -Contain 13
    }
}

Describe 'Export-ModuleHelp' {
    It 'writes the MAML and about topic of every culture and returns them' {
        $module = Join-Path $TestDrive 'Widget'
        $written = @(Export-ModuleHelp -DocsPath $Docs -ModulePath $module -ModuleName Widget)
        $written | Should -Be @('en-US/Widget.dll-Help.xml', 'en-US/about_Widget.help.txt', 'ko-KR/Widget.dll-Help.xml', 'ko-KR/about_Widget.help.txt')
        foreach ($file in $written) { Join-Path $module $file | Should -Exist }
    }
}

Describe 'A malformed page' {
    # At: the line the error names, 'Changed' (the changed line), 'Fence' (the code block the changed line is in)
    # or 'LastFence' (once the first fence is gone, the last one opens a block that nothing closes).
    It 'is refused with its file and line: <Case>' -ForEach @(
        @{ Case = 'a code block that is not closed'; Page = 'ko-KR/Get-Widget.md'; Line = '```'; Replacement = ''; At = 'LastFence'; Pattern = 'a code block is not closed' }
        @{ Case = 'a yaml line that is not "Key: value"'; Page = 'en-US/Get-Widget.md'; Line = 'Position: 0'; Replacement = 'Position 0'; At = 'Changed'; Pattern = "-Name 'Position 0' is not a 'Key: value' line" }
        @{ Case = 'a syntax that names an undocumented parameter'; Page = 'ko-KR/Get-Widget.md'; Line = 'Get-Widget -Id <Int32> [<CommonParameters>]'; Replacement = 'Get-Widget -Id <Int32> -Size <Int32> [<CommonParameters>]'; At = 'Fence'; Pattern = "the syntax of 'ById' names -Size, which PARAMETERS does not document" }
        @{ Case = 'a title that is not Verb-Noun'; Page = 'ko-KR/Get-Widget.md'; Line = '# Get-Widget'; Replacement = '# Widget'; At = 'Changed'; Pattern = "the title 'Widget' is not a Verb-Noun command name" }
        @{ Case = 'a front matter naming another module'; Page = 'en-US/Get-Widget.md'; Line = 'Module Name: Widget'; Replacement = 'Module Name: Gadget'; At = 'Changed'; Pattern = "'Module Name' must be Widget" }
        @{ Case = 'a related link that is not [text](target)'; Page = 'en-US/Get-Widget.md'; Line = '[Widget store](https://example.com/widgets)'; Replacement = 'Widget store: https://example.com/widgets'; At = 'Changed'; Pattern = "the related link 'Widget store: https://example\.com/widgets' is not \[text\]\(target\)\." }
    ) {
        $broken = New-BrokenPage (Join-Path $Docs $Page) $Line $Replacement
        $lines = [System.IO.File]::ReadAllLines($broken.Path)
        $expectedLine = switch ($At) {
            'Changed' { $broken.Line }
            'Fence' { $broken.Line - 1 }
            'LastFence' { @(for ($i = 0; $i -lt $lines.Count; $i++) { if ($lines[$i].StartsWith('```')) { $i + 1 } })[-1] }
        }
        $destination = Join-Path (Split-Path $broken.Path) 'Widget.dll-Help.xml'

        $thrown = { ConvertTo-MamlHelp -Path $broken.Path -Destination $destination -ModuleName Widget } | Should -Throw -PassThru

        $thrown.Exception.Message | Should -Match ('^' + [regex]::Escape("$($broken.Path):${expectedLine}: ") + $Pattern)
        $destination | Should -Not -Exist -Because 'nothing is written from a bad page'
    }

    It 'is refused when its Locale is not the culture of its folder, naming the Locale line' {
        $copy = Join-Path $TestDrive 'docs-locale'
        New-Item -ItemType Directory -Path $copy | Out-Null
        Copy-Item -Path (Join-Path $Docs '*') -Destination $copy -Recurse
        $page = Join-Path $copy 'ko-KR/about_Widget.md'
        $lines = [System.IO.File]::ReadAllLines($page, [System.Text.Encoding]::UTF8)
        $index = [array]::IndexOf($lines, 'Locale: ko-KR')
        $lines[$index] = 'Locale: en-US'
        [System.IO.File]::WriteAllText($page, ($lines -join "`n"), [System.Text.UTF8Encoding]::new($false))

        { Export-ModuleHelp -DocsPath $copy -ModulePath (Join-Path $TestDrive 'Widget-locale') -ModuleName Widget } |
            Should -Throw -ExpectedMessage "$page`:$($index + 1): its Locale is 'en-US', but it is in ko-KR."
    }

    It 'is refused as an about topic when a required section is missing, naming the title line' {
        $broken = New-BrokenPage (Join-Path $Docs 'ko-KR/about_Widget.md') '## SHORT DESCRIPTION' '## SUMMARY'
        $title = [array]::IndexOf([System.IO.File]::ReadAllLines($broken.Path), '# about_Widget') + 1
        { ConvertTo-AboutHelp -Path $broken.Path -Destination (Join-Path $TestDrive 'about.help.txt') } |
            Should -Throw -ExpectedMessage "$($broken.Path):${title}: the section 'SHORT DESCRIPTION' is missing under 'about_Widget'."
    }
}
