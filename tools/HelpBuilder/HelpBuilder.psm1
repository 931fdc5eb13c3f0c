# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# Turns platyPS-style markdown (front matter, then # Title, ## SYNOPSIS, ## SYNTAX, ...) into the files Get-Help
# reads: MAML for cmdlet pages, about_<topic>.help.txt for about topics. platyPS is not a dependency: a small
# line-based parser reads the markdown, and every error names the file and line ("path:line: what is wrong").
# Runs in Windows PowerShell 5.1 and PowerShell 7.

Set-StrictMode -Version 3.0

$script:MamlNamespaces = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}

#region Reading markdown

# A heading and what stands under it. Its own lines are contiguous, from FirstLine (1-based) on.
function New-HelpSection([int] $Level, [string] $Title, [int] $Line) {
    [pscustomobject]@{
        Level     = $Level
        Title     = $Title
        Line      = $Line
        FirstLine = $Line + 1
        Lines     = [System.Collections.Generic.List[string]]::new()
        Children  = [System.Collections.Generic.List[object]]::new()
    }
}

# "Key: value" of a front-matter or yaml line; $null for anything else.
function Split-YamlLine([string] $Line) {
    $colon = $Line.IndexOf(':')
    if ($colon -lt 1 -or $Line.StartsWith(' ') -or $Line.StartsWith('#')) { return $null }
    return @($Line.Substring(0, $colon).Trim(), $Line.Substring($colon + 1).Trim())
}

function Test-FenceLine([string] $Line) { $Line.TrimStart().StartsWith('```') }

# Reads a markdown file into its front matter (values and their line numbers) and a tree of sections (one per
# heading). Only fences and headings matter here: a '#' line inside a code block is content.
function Read-HelpMarkdown([string] $Path) {
    $text = [System.IO.File]::ReadAllText($Path, [System.Text.Encoding]::UTF8)
    $lines = $text.Replace("`r`n", "`n").Split("`n")
    $frontMatter = @{}
    $frontMatterLine = @{}
    $index = 0
    if ($lines[0].Trim() -eq '---') {
        $index = 1
        while ($index -lt $lines.Count -and $lines[$index].Trim() -ne '---') {
            $pair = Split-YamlLine $lines[$index]
            if ($pair) { $frontMatter[$pair[0]] = $pair[1]; $frontMatterLine[$pair[0]] = $index + 1 }
            $index++
        }
        if ($index -ge $lines.Count) { throw "${Path}:1: the front matter has no closing '---' line." }
        $index++
    }

    $top = New-HelpSection -Level 0 -Title '' -Line $index
    $open = [System.Collections.Generic.List[object]]::new()
    $open.Add($top)
    $fenceLine = 0
    for (; $index -lt $lines.Count; $index++) {
        $line = $lines[$index]
        if (Test-FenceLine $line) {
            $fenceLine = if ($fenceLine) { 0 } else { $index + 1 }
        }
        elseif (-not $fenceLine -and $line.StartsWith('#')) {
            $level = $line.Length - $line.TrimStart('#').Length
            $title = $line.Substring($level).Trim()
            if ($level -le 6 -and $title) {
                $section = New-HelpSection -Level $level -Title $title -Line ($index + 1)
                while ($open[$open.Count - 1].Level -ge $level) { $open.RemoveAt($open.Count - 1) }
                $open[$open.Count - 1].Children.Add($section)
                $open.Add($section)
                continue
            }
        }
        $open[$open.Count - 1].Lines.Add($line)
    }
    if ($fenceLine) { throw "${Path}:${fenceLine}: a code block is not closed." }
    if ($top.Children.Count -ne 1 -or $top.Children[0].Level -ne 1) {
        $extra = @($top.Children | Select-Object -Skip 1) + @($top.Children | Where-Object Level -ne 1)
        $line = if ($extra.Count) { $extra[0].Line } else { [Math]::Max(1, $top.FirstLine) }
        throw "${Path}:${line}: expected exactly one '# ' title."
    }
    [pscustomobject]@{ Path = $Path; FrontMatter = $frontMatter; FrontMatterLine = $frontMatterLine; Page = $top.Children[0] }
}

function Get-HelpSection($Parent, [string] $Title, [switch] $Required, [string] $Path) {
    $found = @($Parent.Children | Where-Object { $_.Title -eq $Title })
    if ($found.Count -eq 0 -and $Required) { throw "${Path}:$($Parent.Line): the section '$Title' is missing under '$($Parent.Title)'." }
    if ($found.Count -gt 1) { throw "${Path}:$($found[1].Line): the section '$Title' appears more than once under '$($Parent.Title)'." }
    if ($found.Count -eq 1) { return $found[0] }
    return $null
}

function Test-ListItem([string] $Trimmed) {
    if ($Trimmed.StartsWith('- ') -or $Trimmed.StartsWith('* ')) { return $true }
    $dot = $Trimmed.IndexOf('. ')
    return $dot -gt 0 -and $dot -le 3 -and ($Trimmed.Substring(0, $dot) -match '^\d+$')
}

function New-HelpBlock([string] $Kind, [int] $Line, [string[]] $Items, [string] $Language = '') {
    [pscustomobject]@{ Kind = $Kind; Language = $Language; Line = $Line; Items = $Items }
}

# Splits a section's own lines into blocks: Paragraph (lines joined), List (one item each), Code (verbatim, with
# its fence language) and Table (rows verbatim). Each block knows the file line it starts on.
function ConvertTo-HelpBlock($Section) {
    $Lines = $Section.Lines
    $blocks = [System.Collections.Generic.List[object]]::new()
    $i = 0
    while ($i -lt $Lines.Count) {
        $trimmed = $Lines[$i].Trim()
        $line = $Section.FirstLine + $i
        if ($trimmed -eq '') { $i++; continue }

        if (Test-FenceLine $trimmed) {
            $language = $trimmed.TrimStart('`').Trim()
            $code = [System.Collections.Generic.List[string]]::new()
            $i++
            while ($i -lt $Lines.Count -and -not (Test-FenceLine $Lines[$i])) { $code.Add($Lines[$i].TrimEnd()); $i++ }
            $i++
            $blocks.Add((New-HelpBlock 'Code' $line $code.ToArray() $language))
            continue
        }

        if ($trimmed.StartsWith('|')) {
            $rows = [System.Collections.Generic.List[string]]::new()
            while ($i -lt $Lines.Count -and $Lines[$i].Trim().StartsWith('|')) { $rows.Add($Lines[$i].Trim()); $i++ }
            $blocks.Add((New-HelpBlock 'Table' $line $rows.ToArray()))
            continue
        }

        if (Test-ListItem $trimmed) {
            $items = [System.Collections.Generic.List[string]]::new()
            while ($i -lt $Lines.Count) {
                $item = $Lines[$i].Trim()
                if ($item -eq '' -or (Test-FenceLine $item) -or $item.StartsWith('|')) { break }
                if (Test-ListItem $item) {
                    if ($item.StartsWith('* ')) { $item = '- ' + $item.Substring(2) }
                    $items.Add($item)
                }
                else {
                    $items[$items.Count - 1] = $items[$items.Count - 1] + ' ' + $item
                }
                $i++
            }
            $blocks.Add((New-HelpBlock 'List' $line $items.ToArray()))
            continue
        }

        $words = [System.Collections.Generic.List[string]]::new()
        while ($i -lt $Lines.Count) {
            $text = $Lines[$i].Trim()
            if ($text -eq '' -or (Test-FenceLine $text) -or $text.StartsWith('|') -or ($words.Count -gt 0 -and (Test-ListItem $text))) { break }
            if ($text.StartsWith('>')) { $text = $text.TrimStart('>').Trim() }
            $words.Add($text)
            $i++
        }
        $blocks.Add((New-HelpBlock 'Paragraph' $line @($words -join ' ')))
    }
    return $blocks.ToArray()
}

# Markdown inline markup to plain text: [text](url) keeps the text (and a web address), ** and ` go.
function ConvertFrom-MarkdownInline([string] $Text) {
    $Text = [regex]::Replace($Text, '\[([^\]]+)\]\(([^)\s]*)\)', {
            param($match)
            $target = $match.Groups[2].Value
            if ($target.StartsWith('https://') -or $target.StartsWith('http://')) { "$($match.Groups[1].Value) ($target)" } else { $match.Groups[1].Value }
        })
    return $Text.Replace('**', '').Replace('`', '')
}

# The rows of a table block without its separator row.
function Get-TableRow($Block) {
    $Block.Items | Where-Object { $_ -notmatch '^\|[\s:|-]+\|$' }
}

# The paragraphs Get-Help shows for a run of blocks: a paragraph or list item each, code and tables verbatim.
function Get-HelpParagraph([object[]] $Blocks) {
    foreach ($block in $Blocks) {
        switch ($block.Kind) {
            'Paragraph' { ConvertFrom-MarkdownInline $block.Items[0] }
            'List' { foreach ($item in $block.Items) { ConvertFrom-MarkdownInline $item } }
            'Table' { (Get-TableRow $block | ForEach-Object { ConvertFrom-MarkdownInline $_ }) -join "`n" }
            'Code' { $block.Items -join "`n" }
        }
    }
}

# The paragraphs of a section's own text.
function Get-SectionParagraph($Section) {
    @(Get-HelpParagraph (ConvertTo-HelpBlock $Section))
}

# The cells of a markdown table row, with their inline markup removed.
function Split-TableRow([string] $Row) {
    $cells = $Row.Trim().Trim('|').Split('|')
    @($cells | ForEach-Object { ConvertFrom-MarkdownInline $_.Trim() })
}

# The key: value pairs of a yaml block (platyPS parameter metadata).
function ConvertFrom-HelpYaml($Block, [string] $Path, [string] $Parameter) {
    $values = @{}
    for ($i = 0; $i -lt $Block.Items.Count; $i++) {
        $line = $Block.Items[$i]
        if (-not $line.Trim()) { continue }
        $pair = Split-YamlLine $line
        if (-not $pair) { throw "${Path}:$($Block.Line + 1 + $i): $Parameter '$line' is not a 'Key: value' line." }
        $values[$pair[0]] = $pair[1]
    }
    foreach ($key in 'Type', 'Parameter Sets', 'Required', 'Position', 'Accept pipeline input') {
        if (-not $values.ContainsKey($key)) { throw "${Path}:$($Block.Line): $Parameter the yaml block has no '$key'." }
    }
    return $values
}

function Split-HelpList([string] $Value) {
    @($Value.Split(',') | ForEach-Object { $_.Trim() } | Where-Object { $_ })
}

# The yaml blocks of a parameter that hold a set (or all of them).
function Select-SetMetadata($Parameter, [string] $SetName) {
    $Parameter.Metadata | Where-Object { $setsOf = Split-HelpList $_['Parameter Sets']; $setsOf -contains $SetName -or $setsOf -contains '(All)' }
}

#endregion

#region Cmdlet pages

function Read-CommandParameter($Page, [string] $Path) {
    foreach ($section in (Get-HelpSection $Page 'PARAMETERS' -Required -Path $Path).Children) {
        if ($section.Title -eq 'CommonParameters') { continue }
        if (-not $section.Title.StartsWith('-')) { throw "${Path}:$($section.Line): the parameter heading '$($section.Title)' does not start with '-'." }
        $blocks = ConvertTo-HelpBlock $section
        $isYaml = { $_.Kind -eq 'Code' -and $_.Language -eq 'yaml' }
        $yaml = @($blocks | Where-Object $isYaml | ForEach-Object { ConvertFrom-HelpYaml $_ $Path $section.Title })
        if ($yaml.Count -eq 0) { throw "${Path}:$($section.Line): $($section.Title) has no yaml block." }
        $description = @(Get-HelpParagraph @($blocks | Where-Object { -not (& $isYaml) }))
        if ($description.Count -eq 0) { throw "${Path}:$($section.Line): $($section.Title) has no description." }
        [pscustomobject]@{ Name = $section.Title.Substring(1); Description = $description; Metadata = $yaml }
    }
}

# Every set of SYNTAX has a code block whose parameters are exactly those documented for the set.
function Read-CommandSyntax($Page, [object[]] $Parameters, [string] $Path) {
    $syntax = Get-HelpSection $Page 'SYNTAX' -Required -Path $Path
    $sets = @(foreach ($section in $syntax.Children) {
            $setName = $section.Title.Replace('(Default)', '').Trim()
            $code = @(ConvertTo-HelpBlock $section | Where-Object Kind -eq 'Code')
            if ($code.Count -ne 1) { throw "${Path}:$($section.Line): the syntax of '$setName' needs exactly one code block." }
            $where = "${Path}:$($code[0].Line)"
            $order = [System.Collections.Generic.List[string]]::new()
            foreach ($token in ($code[0].Items -join ' ').Split([char[]]@(' ', '[', ']', '<', '>'), [System.StringSplitOptions]::RemoveEmptyEntries)) {
                if ($token.StartsWith('-') -and $token.Length -gt 1 -and -not $order.Contains($token.Substring(1))) { $order.Add($token.Substring(1)) }
            }
            $members = foreach ($parameterName in $order) {
                $parameter = $Parameters | Where-Object Name -eq $parameterName
                if (-not $parameter) { throw "${where}: the syntax of '$setName' names -$parameterName, which PARAMETERS does not document." }
                $metadata = Select-SetMetadata $parameter $setName | Select-Object -First 1
                if (-not $metadata) { throw "${where}: -$parameterName is in the syntax of '$setName' but its yaml does not list that set." }
                [pscustomobject]@{ Parameter = $parameter; Metadata = $metadata }
            }
            foreach ($parameter in $Parameters) {
                if ((Select-SetMetadata $parameter $setName) -and -not $order.Contains($parameter.Name)) { throw "${where}: -$($parameter.Name) belongs to '$setName' but is missing from its syntax." }
            }
            [pscustomobject]@{ Name = $setName; Members = @($members) }
        })
    if ($sets.Count -eq 0) { throw "${Path}:$($syntax.Line): SYNTAX has no parameter set." }
    return $sets
}

function Read-CommandExample($Page, [string] $Path) {
    foreach ($section in (Get-HelpSection $Page 'EXAMPLES' -Required -Path $Path).Children) {
        $blocks = ConvertTo-HelpBlock $section
        $code = @($blocks | Where-Object Kind -eq 'Code' | ForEach-Object { $_.Items -join "`n" })
        if ($code.Count -eq 0) { throw "${Path}:$($section.Line): the example '$($section.Title)' has no code block." }
        [pscustomobject]@{
            Title   = $section.Title
            Code    = $code -join "`n`n"
            Remarks = @(Get-HelpParagraph @($blocks | Where-Object Kind -ne 'Code'))
        }
    }
}

function Read-CommandLink($Page, [string] $Path) {
    $section = Get-HelpSection $Page 'RELATED LINKS' -Required -Path $Path
    for ($i = 0; $i -lt $section.Lines.Count; $i++) {
        $line = $section.Lines[$i].Trim()
        $match = [regex]::Match($line, '^\[([^\]]+)\]\(([^)\s]*)\)$')
        if ($match.Success) {
            $uri = $match.Groups[2].Value
            [pscustomobject]@{ Text = $match.Groups[1].Value; Uri = $(if ($uri.StartsWith('http')) { $uri } else { '' }) }
        }
        elseif ($line) { throw "${Path}:$($section.FirstLine + $i): the related link '$($section.Lines[$i])' is not [text](target)." }
    }
}

# Reads a cmdlet page into what the MAML needs, and checks it against the help file and module it belongs to.
function Read-CommandHelp([string] $Path, [string] $HelpFileName, [string] $ModuleName) {
    $markdown = Read-HelpMarkdown $Path
    $page = $markdown.Page
    $name = $page.Title
    foreach ($check in @(@('external help file', $HelpFileName), @('Module Name', $ModuleName))) {
        if ($markdown.FrontMatter[$check[0]] -ne $check[1]) {
            $line = if ($markdown.FrontMatterLine.ContainsKey($check[0])) { $markdown.FrontMatterLine[$check[0]] } else { 1 }
            throw "${Path}:${line}: '$($check[0])' must be $($check[1])."
        }
    }
    if ($name -notmatch '^[A-Za-z]+-[A-Za-z]+$') { throw "${Path}:$($page.Line): the title '$name' is not a Verb-Noun command name." }

    $parameters = @(Read-CommandParameter $page $Path)
    $typed = {
        param($SectionName)
        foreach ($section in (Get-HelpSection $page $SectionName -Required -Path $Path).Children) {
            [pscustomobject]@{ Type = $section.Title; Description = @(Get-SectionParagraph $section) }
        }
    }
    $verb, $noun = $name.Split('-')
    [pscustomobject]@{
        Name        = $name
        Verb        = $verb
        Noun        = $noun
        Synopsis    = (Get-SectionParagraph (Get-HelpSection $page 'SYNOPSIS' -Required -Path $Path)) -join ' '
        Description = @(Get-SectionParagraph (Get-HelpSection $page 'DESCRIPTION' -Required -Path $Path))
        Sets        = @(Read-CommandSyntax $page $parameters $Path)
        Parameters  = $parameters
        Examples    = @(Read-CommandExample $page $Path)
        Inputs      = @(& $typed 'INPUTS')
        Outputs     = @(& $typed 'OUTPUTS')
        Notes       = @(Get-SectionParagraph (Get-HelpSection $page 'NOTES' -Required -Path $Path))
        Links       = @(Read-CommandLink $page $Path)
    }
}

#endregion

#region MAML

function Write-MamlStart($Writer, [string] $Name) {
    $prefix, $local = $Name.Split(':')
    $Writer.WriteStartElement($prefix, $local, $MamlNamespaces[$prefix])
}

function Write-MamlText($Writer, [string] $Name, [string] $Text) {
    $prefix, $local = $Name.Split(':')
    $Writer.WriteElementString($prefix, $local, $MamlNamespaces[$prefix], $Text)
}

function Write-MamlDescription($Writer, [string[]] $Paragraphs, [string] $Element = 'maml:description') {
    Write-MamlStart $Writer $Element
    foreach ($paragraph in $Paragraphs) { Write-MamlText $Writer 'maml:para' $paragraph }
    $Writer.WriteEndElement()
}

function Write-MamlType($Writer, [string] $Type) {
    Write-MamlStart $Writer 'dev:type'
    Write-MamlText $Writer 'maml:name' $Type
    Write-MamlText $Writer 'maml:uri' ''
    $Writer.WriteEndElement()
}

function ConvertTo-MamlFlag([bool] $Value) { if ($Value) { 'true' } else { 'false' } }

# One command:parameter, as the syntax (per set) or the parameter list shows it.
function Write-MamlParameter($Writer, $Parameter, $Metadata, [switch] $InSyntax) {
    $type = $Metadata['Type']
    $isSwitch = $type -eq 'SwitchParameter'
    $isArray = ConvertTo-MamlFlag $type.EndsWith('[]')
    $position = $Metadata['Position']
    $aliases = $Metadata['Aliases']
    Write-MamlStart $Writer 'command:parameter'
    $Writer.WriteAttributeString('required', $Metadata['Required'].ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', $isArray)
    $Writer.WriteAttributeString('globbing', (ConvertTo-MamlFlag ($Metadata['Accept wildcard characters'] -eq 'True')))
    $Writer.WriteAttributeString('pipelineInput', $Metadata['Accept pipeline input'])
    $Writer.WriteAttributeString('position', $(if ($position -eq 'Named') { 'named' } else { $position }))
    $Writer.WriteAttributeString('aliases', $(if ($aliases) { $aliases } else { 'none' }))
    Write-MamlText $Writer 'maml:name' $Parameter.Name
    Write-MamlDescription $Writer $Parameter.Description 'maml:description'
    $accepted = @(Split-HelpList ([string]$Metadata['Accepted values']))
    if ($accepted.Count -gt 0) {
        Write-MamlStart $Writer 'command:parameterValueGroup'
        foreach ($value in $accepted) {
            Write-MamlStart $Writer 'command:parameterValue'
            $Writer.WriteAttributeString('required', 'false')
            $Writer.WriteAttributeString('command', 'variableLength', $MamlNamespaces.command, 'false')
            $Writer.WriteString($value)
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }
    if (-not ($isSwitch -and $InSyntax)) {
        Write-MamlStart $Writer 'command:parameterValue'
        $Writer.WriteAttributeString('required', (ConvertTo-MamlFlag (-not $isSwitch)))
        $Writer.WriteAttributeString('variableLength', $isArray)
        $Writer.WriteString($type)
        $Writer.WriteEndElement()
    }
    Write-MamlType $Writer $type
    $default = [string]$Metadata['Default value']
    Write-MamlText $Writer 'dev:defaultValue' $(if ($default) { $default } else { 'None' })
    $Writer.WriteEndElement()
}

# Writes element, then per item: child element, its type and description (inputTypes, returnValues).
function Write-MamlTypedList($Writer, [string] $Element, [string] $ItemElement, [object[]] $Items) {
    Write-MamlStart $Writer $Element
    foreach ($item in $Items) {
        Write-MamlStart $Writer $ItemElement
        Write-MamlType $Writer $item.Type
        Write-MamlDescription $Writer $item.Description
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-MamlCommand($Writer, $Help) {
    Write-MamlStart $Writer 'command:command'
    foreach ($prefix in 'maml', 'dev', 'MSHelp') {
        $Writer.WriteAttributeString('xmlns', $prefix, $null, $MamlNamespaces[$prefix])
    }

    Write-MamlStart $Writer 'command:details'
    Write-MamlText $Writer 'command:name' $Help.Name
    Write-MamlText $Writer 'command:verb' $Help.Verb
    Write-MamlText $Writer 'command:noun' $Help.Noun
    Write-MamlDescription $Writer @($Help.Synopsis)
    $Writer.WriteEndElement()

    Write-MamlDescription $Writer $Help.Description

    Write-MamlStart $Writer 'command:syntax'
    foreach ($set in $Help.Sets) {
        Write-MamlStart $Writer 'command:syntaxItem'
        Write-MamlText $Writer 'maml:name' $Help.Name
        foreach ($member in $set.Members) { Write-MamlParameter $Writer $member.Parameter $member.Metadata -InSyntax }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    Write-MamlStart $Writer 'command:parameters'
    foreach ($parameter in $Help.Parameters) { Write-MamlParameter $Writer $parameter $parameter.Metadata[0] }
    $Writer.WriteEndElement()

    Write-MamlTypedList $Writer 'command:inputTypes' 'command:inputType' $Help.Inputs
    Write-MamlTypedList $Writer 'command:returnValues' 'command:returnValue' $Help.Outputs

    Write-MamlStart $Writer 'maml:alertSet'
    Write-MamlDescription $Writer $Help.Notes 'maml:alert'
    $Writer.WriteEndElement()

    Write-MamlStart $Writer 'command:examples'
    foreach ($example in $Help.Examples) {
        Write-MamlStart $Writer 'command:example'
        Write-MamlText $Writer 'maml:title' "--------- $($example.Title) ---------"
        Write-MamlText $Writer 'dev:code' $example.Code
        # The empty last paragraph puts a blank line between examples, as Get-Help shows them.
        Write-MamlDescription $Writer (@($example.Remarks) + '') 'dev:remarks'
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    Write-MamlStart $Writer 'command:relatedLinks'
    foreach ($link in $Help.Links) {
        Write-MamlStart $Writer 'maml:navigationLink'
        Write-MamlText $Writer 'maml:linkText' $link.Text
        Write-MamlText $Writer 'maml:uri' $link.Uri
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteEndElement()
}

<#
.SYNOPSIS
    Writes a MAML help file (<assembly>-Help.xml) from platyPS-style cmdlet pages.
.DESCRIPTION
    Each page's front matter must name the help file ('external help file', the name of -Destination) and the
    module ('Module Name'). Every set of SYNTAX must list exactly the parameters whose yaml names that set. The
    file is UTF-8 without a byte order mark, "\n" line ends; XmlWriter escapes every text.
.EXAMPLE
    ConvertTo-MamlHelp -Path docs/en-US/Request-CsCertificate.md -Destination out/en-US/CsCertificate.dll-Help.xml -ModuleName CsCertificate
#>
function ConvertTo-MamlHelp {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string[]] $Path,
        [Parameter(Mandatory)] [string] $Destination,
        [Parameter(Mandatory)] [string] $ModuleName
    )

    # Read everything first, so that a bad page leaves no half-written file.
    $helpFileName = Split-Path $Destination -Leaf
    $commands = @(foreach ($page in $Path) { Read-CommandHelp $page $helpFileName $ModuleName })
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    $settings.NewLineChars = "`n"
    $writer = [System.Xml.XmlWriter]::Create($Destination, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', 'http://msh')
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($command in $commands) { Write-MamlCommand $writer $command }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally {
        $writer.Dispose()
    }
}

#endregion

#region About topics

# The width a terminal gives a string: Hangul and other East Asian wide characters take two columns.
function Get-DisplayWidth([string] $Text) {
    $width = 0
    foreach ($character in $Text.ToCharArray()) {
        $code = [int]$character
        $wide = ($code -ge 0x1100 -and $code -le 0x115F) -or ($code -ge 0x2E80 -and $code -le 0xA4CF) -or
            ($code -ge 0xAC00 -and $code -le 0xD7A3) -or ($code -ge 0xF900 -and $code -le 0xFAFF) -or ($code -ge 0xFF00 -and $code -le 0xFF60)
        $width += $(if ($wide) { 2 } else { 1 })
    }
    return $width
}

# Word-wraps a paragraph to $Width columns, each line indented.
function Format-HelpText([string] $Text, [int] $Indent, [int] $Width) {
    $lines = [System.Collections.Generic.List[string]]::new()
    $line = ' ' * $Indent
    foreach ($word in $Text.Split([char[]]@(' '), [System.StringSplitOptions]::RemoveEmptyEntries)) {
        if ($line.Length -gt $Indent -and (Get-DisplayWidth "$line $word") -gt $Width) {
            $lines.Add($line)
            $line = ' ' * $Indent
        }
        $line = if ($line.Length -gt $Indent) { "$line $word" } else { "$line$word" }
    }
    if ($line.Trim() -or $lines.Count -eq 0) { $lines.Add($line) }
    return $lines
}

# Wraps $Text at $Indent + the width of $Lead, and puts $Lead at $Indent on the first line ("- item", "Header: cell").
function Format-HelpLead([string] $Lead, [string] $Text, [int] $Indent, [int] $Width) {
    $wrapped = @(Format-HelpText $Text ($Indent + (Get-DisplayWidth $Lead)) $Width)
    $wrapped[0] = (' ' * $Indent) + $Lead + $wrapped[0].TrimStart()
    return [string[]]$wrapped
}

# The text lines of one block at an indent: paragraphs and list items wrapped, code verbatim, and a table (which
# no 80 columns hold) as each row's first cell followed by "Header: cell" lines.
function Format-HelpBlock($Block, [int] $Indent, [int] $Width) {
    switch ($Block.Kind) {
        'Paragraph' { Format-HelpText (ConvertFrom-MarkdownInline $Block.Items[0]) $Indent $Width }
        'List' {
            foreach ($item in $Block.Items) {
                $marker = $item.Substring(0, $item.IndexOf(' ') + 1)
                Format-HelpLead $marker (ConvertFrom-MarkdownInline $item.Substring($marker.Length)) $Indent $Width
            }
        }
        'Table' {
            $rows = @(Get-TableRow $Block | ForEach-Object { , (Split-TableRow $_) })
            for ($r = 1; $r -lt $rows.Count; $r++) {
                if ($r -gt 1) { '' }
                Format-HelpText $rows[$r][0] $Indent $Width
                for ($c = 1; $c -lt $rows[$r].Count; $c++) { Format-HelpLead "$($rows[0][$c]): " $rows[$r][$c] ($Indent + 4) $Width }
            }
        }
        'Code' { foreach ($codeLine in $Block.Items) { ((' ' * ($Indent + 4)) + $codeLine).TrimEnd() } }
    }
}

# A section's blocks, a blank line between them, then its children: level 2 as a heading in capitals, deeper
# levels as indented titles.
function Format-AboutSection($Section, [int] $Indent, [int] $Width) {
    $first = $true
    foreach ($block in (ConvertTo-HelpBlock $Section)) {
        if (-not $first) { '' }
        $first = $false
        Format-HelpBlock $block $Indent $Width
    }
    foreach ($child in $Section.Children) {
        ''
        if ($child.Level -eq 2) {
            ''
            $child.Title.ToUpperInvariant()
            Format-AboutSection $child 4 $Width
        }
        else {
            (' ' * $Indent) + $child.Title
            Format-AboutSection $child ($Indent + 2) $Width
        }
    }
}

<#
.SYNOPSIS
    Writes an about_<topic>.help.txt from a platyPS-style about topic.
.DESCRIPTION
    The classic layout (TOPIC, SHORT DESCRIPTION, LONG DESCRIPTION, ...): headings of level 2 in capitals, level 3
    and below as indented titles, text word-wrapped to -Width columns (an East Asian wide character takes two)
    and indented, code verbatim, tables as one entry per row. UTF-8 with a byte order mark, so that every edition
    reads it as UTF-8 whatever its default encoding.
.EXAMPLE
    ConvertTo-AboutHelp -Path docs/ko-KR/about_CsCertificate.md -Destination out/ko-KR/about_CsCertificate.help.txt
#>
function ConvertTo-AboutHelp {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [string] $Destination,
        [ValidateRange(40, 400)] [int] $Width = 80
    )

    $page = (Read-HelpMarkdown $Path).Page
    if (-not $page.Title.StartsWith('about_')) { throw "${Path}:$($page.Line): the title of an about topic starts with about_." }
    foreach ($title in 'SHORT DESCRIPTION', 'LONG DESCRIPTION') { $null = Get-HelpSection $page $title -Required -Path $Path }

    $lines = @('TOPIC', "    $($page.Title)") + @(Format-AboutSection $page 4 $Width) + ''
    [System.IO.File]::WriteAllText($Destination, ($lines -join "`n"), [System.Text.UTF8Encoding]::new($true))
}

#endregion

<#
.SYNOPSIS
    Generates the help of every culture in a docs folder into a module folder.
.DESCRIPTION
    For each docs/<culture>/ (a name such as en-US): checks that every page's Locale is that culture, writes
    <ModulePath>/<culture>/<ModuleName>.dll-Help.xml from the cmdlet pages and about_<topic>.help.txt from each
    about topic. Returns the files written, relative to -ModulePath.
.EXAMPLE
    Export-ModuleHelp -DocsPath ./docs -ModulePath ./out/CsCertificate -ModuleName CsCertificate
#>
function Export-ModuleHelp {
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)] [string] $DocsPath,
        [Parameter(Mandatory)] [string] $ModulePath,
        [Parameter(Mandatory)] [string] $ModuleName
    )

    $helpFile = "$ModuleName.dll-Help.xml"
    foreach ($cultureFolder in Get-ChildItem -Path $DocsPath -Directory | Where-Object Name -match '^[a-z]{2}-[A-Z]{2}$') {
        $culture = $cultureFolder.Name
        $destination = Join-Path $ModulePath $culture
        New-Item -ItemType Directory -Path $destination -Force | Out-Null
        $files = @(Get-ChildItem -Path $cultureFolder.FullName -Filter '*.md' | Sort-Object Name)
        foreach ($file in $files) {
            $markdown = Read-HelpMarkdown $file.FullName
            $locale = $markdown.FrontMatter['Locale']
            if ($locale -ne $culture) {
                $line = if ($markdown.FrontMatterLine.ContainsKey('Locale')) { $markdown.FrontMatterLine['Locale'] } else { 1 }
                throw "$($file.FullName):${line}: its Locale is '$locale', but it is in $($cultureFolder.Name)."
            }
        }
        $pages = @($files | Where-Object { -not $_.Name.StartsWith('about_') } | ForEach-Object FullName)
        if ($pages.Count -eq 0) { throw "$($cultureFolder.FullName) has no cmdlet page." }
        ConvertTo-MamlHelp -Path $pages -Destination (Join-Path $destination $helpFile) -ModuleName $ModuleName
        "$culture/$helpFile"
        foreach ($about in $files | Where-Object { $_.Name.StartsWith('about_') }) {
            $name = "$([System.IO.Path]::GetFileNameWithoutExtension($about.Name)).help.txt"
            ConvertTo-AboutHelp -Path $about.FullName -Destination (Join-Path $destination $name)
            "$culture/$name"
        }
    }
}

Export-ModuleMember -Function ConvertTo-MamlHelp, ConvertTo-AboutHelp, Export-ModuleHelp
