# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

<#
.SYNOPSIS
    Builds, tests, demonstrates and benchmarks the CsCertificate module.

.DESCRIPTION
    Build lays out the module in out/CsCertificate (manifest, CsCertificate.dll, Dependencies/, format file, the
    satellite assemblies of the translated messages), generates each culture's help from docs/<culture>/*.md
    (<culture>/CsCertificate.dll-Help.xml and <culture>/about_CsCertificate.help.txt) and checks every expected
    file; the manifest copied there carries this version's section of CHANGELOG.md as its ReleaseNotes. Package
    builds, then packs out/CsCertificate into out/CsCertificate.<version>.nupkg with PSResourceGet's
    Compress-PSResource (no repository, no network). Test builds and packs, runs xunit, then Pester in a child
    PowerShell against out/, and prints "N passed, N failed"; with -PesterOnly it runs only Pester, in a child of
    the PowerShell that runs this script (Windows PowerShell 5.1 too), against a module built before. Demo runs
    the original cmdlet's Example 4 as an offline request against the example topology in docs/examples. Bench
    builds in Release and runs the benchmark (bench/Invoke-Benchmark.ps1: requests against openssl, start-up,
    store and topology scale, memory) in fresh child processes, then writes and prints the Markdown table:
    bench/results.md, or out/bench/results-quick.md with -Quick (tiny counts, a check that it runs; CI uses it).
    A missed target never fails the task. Clean removes out/ and the build folders.

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Demo

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Package

.EXAMPLE
    powershell -NoProfile -File ./build.ps1 -Task Test -PesterOnly

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Bench
#>
#Requires -Version 5.1
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo', 'Bench', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # With -Task Test: no build and no xunit; Pester only, in this PowerShell's edition, against out/CsCertificate.
    [switch] $PesterOnly,

    # With -Task Bench: tiny counts, results in out/bench/results-quick.md instead of bench/results.md.
    [switch] $Quick
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'CsCertificate'
$testResults = Join-Path $out 'TestResults'
$pesterVersion = '6.2.0'
# The cultures whose help (docs/<culture>/) and messages (Resources/Strings.<culture>.resx) the module must ship.
$helpCultures = @('en-US', 'ko-KR')
$messageCultures = @('ko-KR')

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE."
    }
}

function Get-ModuleVersion {
    (Import-PowerShellDataFile -Path (Join-Path $root 'CsCertificate.psd1')).ModuleVersion
}

# The version as the package and CHANGELOG.md spell it: ModuleVersion, then -Prerelease when PSData has one.
function Get-PackageVersion {
    $data = Import-PowerShellDataFile -Path (Join-Path $root 'CsCertificate.psd1')
    $prerelease = $data.PrivateData.PSData['Prerelease']
    if ($prerelease) { return "$($data.ModuleVersion)-$prerelease" }
    return $data.ModuleVersion
}

# One version's section of CHANGELOG.md: its heading without the hashes, then its lines up to the next version.
function Get-ReleaseNotes([string] $Version) {
    $lines = @(Get-Content -Path (Join-Path $root 'CHANGELOG.md') -Encoding UTF8)
    $section = $null
    foreach ($line in $lines) {
        if ($line -match '^## (\S+)') {
            if ($null -ne $section) { break }
            if ($Matches[1] -eq $Version) { $section = [System.Collections.Generic.List[string]]::new(); $section.Add($line.Substring(3)) }
            continue
        }
        if ($null -ne $section) { $section.Add($line.TrimEnd()) }
    }
    if ($null -eq $section) { throw "CHANGELOG.md has no section '## $Version - <date>'; add one before building $Version." }
    return ($section -join "`n").Trim()
}

# Puts the release notes into the manifest copy in out/ (never the root one), as a single-quoted string, and checks
# that PowerShell reads back exactly those notes. UTF-8 with a BOM, so that Windows PowerShell reads it too.
function Set-ManifestReleaseNotes([string] $Path, [string] $Notes) {
    $text = [System.IO.File]::ReadAllText($Path)
    $found = [regex]::Matches($text, "(?m)^(?<lead>[ \t]*ReleaseNotes[ \t]*=[ \t]*)'[^']*'")
    if ($found.Count -ne 1) { throw "$Path must have exactly one single-quoted ReleaseNotes line; it has $($found.Count)." }
    $match = $found[0]
    $value = "'" + ($Notes -replace "'", "''") + "'"
    $text = $text.Substring(0, $match.Index) + $match.Groups['lead'].Value + $value + $text.Substring($match.Index + $match.Length)
    [System.IO.File]::WriteAllText($Path, $text, [System.Text.UTF8Encoding]::new($true))
    if ((Import-PowerShellDataFile -Path $Path).PrivateData.PSData.ReleaseNotes -cne $Notes) {
        throw "The release notes written to $Path do not read back as they were written."
    }
}

# The PowerShell that runs this script, to start a clean child of the same edition and version.
function Get-PowerShellCommand {
    $process = (Get-Process -Id $PID).Path
    if ([System.IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        # Started as a .NET tool (dotnet pwsh): the host is dotnet, PowerShell is pwsh.dll.
        return @($process, (Join-Path $PSHOME 'pwsh.dll'))
    }
    return @($process)
}

#region Help: platyPS-style markdown in docs/<culture>/ to MAML and about_*.help.txt

# The markdown follows platyPS's schema (front matter, then ## SYNOPSIS, ## SYNTAX, ...), but platyPS is not a
# dependency: these functions read it with a small line-based parser and write the files Get-Help reads.

$script:MamlNamespaces = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}

function New-HelpSection([int] $Level, [string] $Title) {
    [pscustomobject]@{
        Level    = $Level
        Title    = $Title
        Lines    = [System.Collections.Generic.List[string]]::new()
        Children = [System.Collections.Generic.List[object]]::new()
    }
}

# "Key: value" of a front-matter or yaml line; $null for anything else.
function Split-YamlLine([string] $Line) {
    $colon = $Line.IndexOf(':')
    if ($colon -lt 1 -or $Line.StartsWith(' ') -or $Line.StartsWith('#')) { return $null }
    return @($Line.Substring(0, $colon).Trim(), $Line.Substring($colon + 1).Trim())
}

function Test-FenceLine([string] $Line) { $Line.TrimStart().StartsWith('```') }

# Reads a markdown file into its front matter and a tree of sections (one per heading). Only fences and headings
# matter here: a '#' line inside a code block is content.
function Read-HelpMarkdown([string] $Path) {
    $text = [System.IO.File]::ReadAllText($Path, [System.Text.Encoding]::UTF8)
    $lines = $text.Replace("`r`n", "`n").Split("`n")
    $frontMatter = @{}
    $index = 0
    if ($lines[0].Trim() -eq '---') {
        $index = 1
        while ($index -lt $lines.Count -and $lines[$index].Trim() -ne '---') {
            $pair = Split-YamlLine $lines[$index]
            if ($pair) { $frontMatter[$pair[0]] = $pair[1] }
            $index++
        }
        if ($index -ge $lines.Count) { throw "${Path}: the front matter has no closing '---' line." }
        $index++
    }

    $root = New-HelpSection -Level 0 -Title ''
    $open = [System.Collections.Generic.List[object]]::new()
    $open.Add($root)
    $inFence = $false
    for (; $index -lt $lines.Count; $index++) {
        $line = $lines[$index]
        if (Test-FenceLine $line) {
            $inFence = -not $inFence
        }
        elseif (-not $inFence -and $line.StartsWith('#')) {
            $level = $line.Length - $line.TrimStart('#').Length
            $title = $line.Substring($level).Trim()
            if ($level -le 6 -and $title) {
                $section = New-HelpSection -Level $level -Title $title
                while ($open[$open.Count - 1].Level -ge $level) { $open.RemoveAt($open.Count - 1) }
                $open[$open.Count - 1].Children.Add($section)
                $open.Add($section)
                continue
            }
        }
        $open[$open.Count - 1].Lines.Add($line)
    }
    if ($inFence) { throw "${Path}: a code block is not closed." }
    if ($root.Children.Count -ne 1 -or $root.Children[0].Level -ne 1) { throw "${Path}: expected exactly one '# ' title." }
    [pscustomobject]@{ Path = $Path; FrontMatter = $frontMatter; Page = $root.Children[0] }
}

function Get-HelpSection($Parent, [string] $Title, [switch] $Required, [string] $Path) {
    $found = @($Parent.Children | Where-Object { $_.Title -eq $Title })
    if ($found.Count -eq 0 -and $Required) { throw "${Path}: the section '$Title' is missing under '$($Parent.Title)'." }
    if ($found.Count -gt 1) { throw "${Path}: the section '$Title' appears more than once under '$($Parent.Title)'." }
    if ($found.Count -eq 1) { return $found[0] }
    return $null
}

function Test-ListItem([string] $Trimmed) {
    if ($Trimmed.StartsWith('- ') -or $Trimmed.StartsWith('* ')) { return $true }
    $dot = $Trimmed.IndexOf('. ')
    return $dot -gt 0 -and $dot -le 3 -and ($Trimmed.Substring(0, $dot) -match '^\d+$')
}

# Splits section content into blocks: Paragraph (lines joined), List (one item each), Code (verbatim, with its
# fence language) and Table (rows verbatim).
function ConvertTo-HelpBlock([string[]] $Lines) {
    $blocks = [System.Collections.Generic.List[object]]::new()
    $i = 0
    while ($i -lt $Lines.Count) {
        $trimmed = $Lines[$i].Trim()
        if ($trimmed -eq '') { $i++; continue }

        if (Test-FenceLine $trimmed) {
            $language = $trimmed.TrimStart('`').Trim()
            $code = [System.Collections.Generic.List[string]]::new()
            $i++
            while ($i -lt $Lines.Count -and -not (Test-FenceLine $Lines[$i])) { $code.Add($Lines[$i].TrimEnd()); $i++ }
            $i++
            $blocks.Add([pscustomobject]@{ Kind = 'Code'; Language = $language; Items = $code.ToArray() })
            continue
        }

        if ($trimmed.StartsWith('|')) {
            $rows = [System.Collections.Generic.List[string]]::new()
            while ($i -lt $Lines.Count -and $Lines[$i].Trim().StartsWith('|')) { $rows.Add($Lines[$i].Trim()); $i++ }
            $blocks.Add([pscustomobject]@{ Kind = 'Table'; Language = ''; Items = $rows.ToArray() })
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
            $blocks.Add([pscustomobject]@{ Kind = 'List'; Language = ''; Items = $items.ToArray() })
            continue
        }

        $words = [System.Collections.Generic.List[string]]::new()
        while ($i -lt $Lines.Count) {
            $line = $Lines[$i].Trim()
            if ($line -eq '' -or (Test-FenceLine $line) -or $line.StartsWith('|') -or ($words.Count -gt 0 -and (Test-ListItem $line))) { break }
            if ($line.StartsWith('>')) { $line = $line.TrimStart('>').Trim() }
            $words.Add($line)
            $i++
        }
        $blocks.Add([pscustomobject]@{ Kind = 'Paragraph'; Language = ''; Items = @($words -join ' ') })
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

# The paragraphs Get-Help shows for a run of blocks: a paragraph or list item each, code and tables verbatim.
function Get-HelpParagraph([object[]] $Blocks) {
    foreach ($block in $Blocks) {
        switch ($block.Kind) {
            'Paragraph' { ConvertFrom-MarkdownInline $block.Items[0] }
            'List' { foreach ($item in $block.Items) { ConvertFrom-MarkdownInline $item } }
            'Table' { ($block.Items | Where-Object { $_ -notmatch '^\|[\s:|-]+\|$' } | ForEach-Object { ConvertFrom-MarkdownInline $_ }) -join "`n" }
            'Code' { $block.Items -join "`n" }
        }
    }
}

# The cells of a markdown table row, with their inline markup removed.
function Split-TableRow([string] $Row) {
    $cells = $Row.Trim().Trim('|').Split('|')
    @($cells | ForEach-Object { ConvertFrom-MarkdownInline $_.Trim() })
}

# The key: value pairs of a yaml block (platyPS parameter metadata).
function ConvertFrom-HelpYaml([string[]] $Lines, [string] $Context) {
    $values = @{}
    foreach ($line in $Lines) {
        if (-not $line.Trim()) { continue }
        $pair = Split-YamlLine $line
        if (-not $pair) { throw "${Context}: '$line' is not a 'Key: value' line." }
        $values[$pair[0]] = $pair[1]
    }
    foreach ($key in 'Type', 'Parameter Sets', 'Required', 'Position', 'Accept pipeline input') {
        if (-not $values.ContainsKey($key)) { throw "${Context}: the yaml block has no '$key'." }
    }
    return $values
}

function Split-HelpList([string] $Value) {
    @($Value.Split(',') | ForEach-Object { $_.Trim() } | Where-Object { $_ })
}

# Reads a cmdlet page into what the MAML needs, and checks it: every set of SYNTAX has a code block whose
# parameters are exactly those documented for the set.
function Read-CommandHelp([string] $Path) {
    $markdown = Read-HelpMarkdown $Path
    $page = $markdown.Page
    $name = $page.Title
    if ($markdown.FrontMatter['external help file'] -ne 'CsCertificate.dll-Help.xml') { throw "${Path}: 'external help file' must be CsCertificate.dll-Help.xml." }
    if ($markdown.FrontMatter['Module Name'] -ne 'CsCertificate') { throw "${Path}: 'Module Name' must be CsCertificate." }
    if ($name -notmatch '^[A-Za-z]+-[A-Za-z]+$') { throw "${Path}: the title '$name' is not a Verb-Noun command name." }

    $parameters = [System.Collections.Generic.List[object]]::new()
    foreach ($section in (Get-HelpSection $page 'PARAMETERS' -Required -Path $Path).Children) {
        if ($section.Title -eq 'CommonParameters') { continue }
        if (-not $section.Title.StartsWith('-')) { throw "${Path}: the parameter heading '$($section.Title)' does not start with '-'." }
        $blocks = ConvertTo-HelpBlock $section.Lines
        $yaml = @($blocks | Where-Object { $_.Kind -eq 'Code' -and $_.Language -eq 'yaml' } | ForEach-Object { ConvertFrom-HelpYaml $_.Items "$Path $($section.Title)" })
        if ($yaml.Count -eq 0) { throw "${Path}: $($section.Title) has no yaml block." }
        $description = @(Get-HelpParagraph @($blocks | Where-Object { -not ($_.Kind -eq 'Code' -and $_.Language -eq 'yaml') }))
        if ($description.Count -eq 0) { throw "${Path}: $($section.Title) has no description." }
        $parameters.Add([pscustomobject]@{ Name = $section.Title.Substring(1); Description = $description; Metadata = $yaml })
    }

    $sets = [System.Collections.Generic.List[object]]::new()
    foreach ($section in (Get-HelpSection $page 'SYNTAX' -Required -Path $Path).Children) {
        $setName = $section.Title.Replace('(Default)', '').Trim()
        $code = @(ConvertTo-HelpBlock $section.Lines | Where-Object Kind -eq 'Code')
        if ($code.Count -ne 1) { throw "${Path}: the syntax of '$setName' needs exactly one code block." }
        $order = [System.Collections.Generic.List[string]]::new()
        foreach ($token in ($code[0].Items -join ' ').Split([char[]]@(' ', '[', ']', '<', '>'), [System.StringSplitOptions]::RemoveEmptyEntries)) {
            if ($token.StartsWith('-') -and $token.Length -gt 1 -and -not $order.Contains($token.Substring(1))) { $order.Add($token.Substring(1)) }
        }
        $members = [System.Collections.Generic.List[object]]::new()
        foreach ($parameterName in $order) {
            $parameter = $parameters | Where-Object Name -eq $parameterName
            if (-not $parameter) { throw "${Path}: the syntax of '$setName' names -$parameterName, which PARAMETERS does not document." }
            $metadata = $parameter.Metadata | Where-Object { $setsOf = Split-HelpList $_['Parameter Sets']; $setsOf -contains $setName -or $setsOf -contains '(All)' } | Select-Object -First 1
            if (-not $metadata) { throw "${Path}: -$parameterName is in the syntax of '$setName' but its yaml does not list that set." }
            $members.Add([pscustomobject]@{ Parameter = $parameter; Metadata = $metadata })
        }
        foreach ($parameter in $parameters) {
            $inSet = $parameter.Metadata | Where-Object { $setsOf = Split-HelpList $_['Parameter Sets']; $setsOf -contains $setName -or $setsOf -contains '(All)' }
            if ($inSet -and -not $order.Contains($parameter.Name)) { throw "${Path}: -$($parameter.Name) belongs to '$setName' but is missing from its syntax." }
        }
        $sets.Add([pscustomobject]@{ Name = $setName; Members = $members.ToArray() })
    }
    if ($sets.Count -eq 0) { throw "${Path}: SYNTAX has no parameter set." }

    $examples = [System.Collections.Generic.List[object]]::new()
    foreach ($section in (Get-HelpSection $page 'EXAMPLES' -Required -Path $Path).Children) {
        $blocks = ConvertTo-HelpBlock $section.Lines
        $code = @($blocks | Where-Object Kind -eq 'Code' | ForEach-Object { $_.Items -join "`n" })
        if ($code.Count -eq 0) { throw "${Path}: the example '$($section.Title)' has no code block." }
        $examples.Add([pscustomobject]@{
                Title   = $section.Title
                Code    = $code -join "`n`n"
                Remarks = @(Get-HelpParagraph @($blocks | Where-Object Kind -ne 'Code'))
            })
    }

    $typed = {
        param($SectionName)
        foreach ($section in (Get-HelpSection $page $SectionName -Required -Path $Path).Children) {
            [pscustomobject]@{ Type = $section.Title; Description = @(Get-HelpParagraph (ConvertTo-HelpBlock $section.Lines)) }
        }
    }

    $links = foreach ($line in (Get-HelpSection $page 'RELATED LINKS' -Required -Path $Path).Lines) {
        $match = [regex]::Match($line.Trim(), '^\[([^\]]+)\]\(([^)\s]*)\)$')
        if ($match.Success) {
            $uri = $match.Groups[2].Value
            [pscustomobject]@{ Text = $match.Groups[1].Value; Uri = $(if ($uri.StartsWith('http')) { $uri } else { '' }) }
        }
        elseif ($line.Trim()) { throw "${Path}: the related link '$line' is not [text](target)." }
    }

    $verb, $noun = $name.Split('-')
    [pscustomobject]@{
        Name        = $name
        Verb        = $verb
        Noun        = $noun
        Synopsis    = @(Get-HelpParagraph (ConvertTo-HelpBlock (Get-HelpSection $page 'SYNOPSIS' -Required -Path $Path).Lines)) -join ' '
        Description = @(Get-HelpParagraph (ConvertTo-HelpBlock (Get-HelpSection $page 'DESCRIPTION' -Required -Path $Path).Lines))
        Sets        = $sets.ToArray()
        Parameters  = $parameters.ToArray()
        Examples    = $examples.ToArray()
        Inputs      = @(& $typed 'INPUTS')
        Outputs     = @(& $typed 'OUTPUTS')
        Notes       = @(Get-HelpParagraph (ConvertTo-HelpBlock (Get-HelpSection $page 'NOTES' -Required -Path $Path).Lines))
        Links       = @($links)
    }
}

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

# One command:parameter, as the syntax (per set) or the parameter list shows it.
function Write-MamlParameter($Writer, $Parameter, $Metadata, [switch] $InSyntax) {
    $type = $Metadata['Type']
    $isSwitch = $type -eq 'SwitchParameter'
    $position = $Metadata['Position']
    $aliases = $Metadata['Aliases']
    Write-MamlStart $Writer 'command:parameter'
    $Writer.WriteAttributeString('required', $Metadata['Required'].ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', $(if ($type.EndsWith('[]')) { 'true' } else { 'false' }))
    $Writer.WriteAttributeString('globbing', $(if ($Metadata['Accept wildcard characters'] -eq 'True') { 'true' } else { 'false' }))
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
        $Writer.WriteAttributeString('required', $(if ($isSwitch) { 'false' } else { 'true' }))
        $Writer.WriteAttributeString('variableLength', $(if ($type.EndsWith('[]')) { 'true' } else { 'false' }))
        $Writer.WriteString($type)
        $Writer.WriteEndElement()
    }
    Write-MamlType $Writer $type
    $default = [string]$Metadata['Default value']
    Write-MamlText $Writer 'dev:defaultValue' $(if ($default) { $default } else { 'None' })
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

    foreach ($kind in @(@('command:inputTypes', 'command:inputType', $Help.Inputs), @('command:returnValues', 'command:returnValue', $Help.Outputs))) {
        Write-MamlStart $Writer $kind[0]
        foreach ($item in $kind[2]) {
            Write-MamlStart $Writer $kind[1]
            Write-MamlType $Writer $item.Type
            Write-MamlDescription $Writer $item.Description
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }

    Write-MamlStart $Writer 'maml:alertSet'
    Write-MamlStart $Writer 'maml:alert'
    foreach ($paragraph in $Help.Notes) { Write-MamlText $Writer 'maml:para' $paragraph }
    $Writer.WriteEndElement()
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

# Writes <culture>/CsCertificate.dll-Help.xml from the culture's cmdlet pages. XmlWriter escapes every text.
function Write-MamlHelp([string[]] $Pages, [string] $Destination) {
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    $settings.NewLineChars = "`n"
    $writer = [System.Xml.XmlWriter]::Create($Destination, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', 'http://msh')
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($page in $Pages) { Write-MamlCommand $writer (Read-CommandHelp $page) }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally {
        $writer.Dispose()
    }
}

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

# Word-wraps a paragraph to 80 columns with an indent (and a different one for the first line of a list item).
function Format-HelpText([string] $Text, [int] $Indent, [int] $FirstIndent = $Indent, [int] $Width = 80) {
    $lines = [System.Collections.Generic.List[string]]::new()
    $line = ' ' * $FirstIndent
    $lineIndent = $FirstIndent
    foreach ($word in $Text.Split([char[]]@(' '), [System.StringSplitOptions]::RemoveEmptyEntries)) {
        if ($line.Length -gt $lineIndent -and (Get-DisplayWidth "$line $word") -gt $Width) {
            $lines.Add($line)
            $line = ' ' * $Indent
            $lineIndent = $Indent
        }
        $line = if ($line.Length -gt $lineIndent) { "$line $word" } else { "$line$word" }
    }
    if ($line.Trim() -or $lines.Count -eq 0) { $lines.Add($line) }
    return $lines
}

# Writes about_<topic>.help.txt: the classic layout (TOPIC, SHORT DESCRIPTION, ...), headings of level 2 in
# capitals, level 3 and below as indented titles, text wrapped and indented, code and tables verbatim.
function Write-AboutHelp([string] $Path, [string] $Destination) {
    $markdown = Read-HelpMarkdown $Path
    $page = $markdown.Page
    if (-not $page.Title.StartsWith('about_')) { throw "${Path}: the title of an about topic starts with about_." }
    foreach ($title in 'SHORT DESCRIPTION', 'LONG DESCRIPTION') { $null = Get-HelpSection $page $title -Required -Path $Path }

    $out = [System.Collections.Generic.List[string]]::new()
    $out.Add('TOPIC')
    $out.Add("    $($page.Title)")
    $render = {
        param($Section, [int] $Indent)
        $first = $true
        foreach ($block in (ConvertTo-HelpBlock $Section.Lines)) {
            if (-not $first) { $out.Add('') }
            $first = $false
            switch ($block.Kind) {
                'Paragraph' { $out.AddRange([string[]](Format-HelpText (ConvertFrom-MarkdownInline $block.Items[0]) $Indent)) }
                'List' {
                    foreach ($item in $block.Items) {
                        $marker = $item.Substring(0, $item.IndexOf(' ') + 1)
                        $text = ConvertFrom-MarkdownInline $item.Substring($marker.Length)
                        $wrapped = @(Format-HelpText $text ($Indent + $marker.Length))
                        $wrapped[0] = (' ' * $Indent) + $marker + $wrapped[0].TrimStart()
                        $out.AddRange([string[]]$wrapped)
                    }
                }
                'Table' {
                    # 80 columns hold no wide table: each row becomes its first cell, then "Header: cell" lines.
                    $rows = @($block.Items | Where-Object { $_ -notmatch '^\|[\s:|-]+\|$' } | ForEach-Object { , (Split-TableRow $_) })
                    for ($r = 1; $r -lt $rows.Count; $r++) {
                        if ($r -gt 1) { $out.Add('') }
                        $out.AddRange([string[]](Format-HelpText $rows[$r][0] $Indent))
                        for ($c = 1; $c -lt $rows[$r].Count; $c++) {
                            $label = "$($rows[0][$c]): "
                            $wrapped = @(Format-HelpText $rows[$r][$c] ($Indent + 4 + (Get-DisplayWidth $label)))
                            $wrapped[0] = (' ' * ($Indent + 4)) + $label + $wrapped[0].TrimStart()
                            $out.AddRange([string[]]$wrapped)
                        }
                    }
                }
                'Code' { foreach ($codeLine in $block.Items) { $out.Add(((' ' * ($Indent + 4)) + $codeLine).TrimEnd()) } }
            }
        }
        foreach ($child in $Section.Children) {
            $out.Add('')
            if ($child.Level -eq 2) {
                $out.Add('')
                $out.Add($child.Title.ToUpperInvariant())
                & $render $child 4
            }
            else {
                $out.Add((' ' * $Indent) + $child.Title)
                & $render $child ($Indent + 2)
            }
        }
    }
    & $render $page 4
    $out.Add('')
    # UTF-8 with a byte order mark, so that every edition reads it as UTF-8 whatever its default encoding.
    [System.IO.File]::WriteAllText($Destination, ($out -join "`n"), [System.Text.UTF8Encoding]::new($true))
}

# Generates each culture's help under out/CsCertificate/<culture>/ and returns the files written, relative.
function Invoke-HelpBuild {
    $written = [System.Collections.Generic.List[string]]::new()
    foreach ($cultureFolder in Get-ChildItem -Path (Join-Path $root 'docs') -Directory | Where-Object Name -match '^[a-z]{2}-[A-Z]{2}$') {
        $culture = $cultureFolder.Name
        $destination = Join-Path $moduleOut $culture
        New-Item -ItemType Directory -Path $destination -Force | Out-Null
        $files = @(Get-ChildItem -Path $cultureFolder.FullName -Filter '*.md' | Sort-Object Name)
        foreach ($file in $files) {
            $locale = (Read-HelpMarkdown $file.FullName).FrontMatter['Locale']
            if ($locale -ne $culture) { throw "$($file.FullName): its Locale is '$locale', but it is in docs/$culture." }
        }
        $pages = @($files | Where-Object { -not $_.Name.StartsWith('about_') } | ForEach-Object FullName)
        if ($pages.Count -eq 0) { throw "docs/$culture has no cmdlet page." }
        Write-MamlHelp $pages (Join-Path $destination 'CsCertificate.dll-Help.xml')
        $written.Add("$culture/CsCertificate.dll-Help.xml")
        foreach ($about in Get-ChildItem -Path $cultureFolder.FullName -Filter 'about_*.md') {
            $name = "$([System.IO.Path]::GetFileNameWithoutExtension($about.Name)).help.txt"
            Write-AboutHelp $about.FullName (Join-Path $destination $name)
            $written.Add("$culture/$name")
        }
    }
    return $written
}

#endregion

function Invoke-Build {
    $version = Get-ModuleVersion
    $packageVersion = Get-PackageVersion
    $releaseNotes = Get-ReleaseNotes $packageVersion
    $publish = Join-Path $out 'publish'
    Write-Host "Building CsCertificate $packageVersion ($Configuration)"
    Invoke-Dotnet publish (Join-Path $root 'src/CsCertificate/CsCertificate.csproj') -c $Configuration -o $publish `
        "-p:Version=$packageVersion" "-p:AssemblyVersion=$version.0" "-p:FileVersion=$version.0" --nologo -v quiet

    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    $dependencies = Join-Path $moduleOut 'Dependencies'
    New-Item -ItemType Directory -Path $dependencies -Force | Out-Null
    Copy-Item (Join-Path $root 'CsCertificate.psd1'), (Join-Path $root 'LICENSE') -Destination $moduleOut
    Copy-Item (Join-Path $publish 'CsCertificate.dll'), (Join-Path $publish 'CsCertificate.Format.ps1xml') -Destination $moduleOut
    Copy-Item (Join-Path $publish 'BouncyCastle.Cryptography.dll') -Destination $dependencies
    Set-ManifestReleaseNotes -Path (Join-Path $moduleOut 'CsCertificate.psd1') -Notes $releaseNotes
    foreach ($culture in $messageCultures) {
        New-Item -ItemType Directory -Path (Join-Path $moduleOut $culture) -Force | Out-Null
        Copy-Item (Join-Path $publish "$culture/CsCertificate.resources.dll") -Destination (Join-Path $moduleOut $culture)
    }
    $help = Invoke-HelpBuild
    Write-Host "Help generated: $($help -join ', ')"

    $expected = @('CsCertificate.psd1', 'CsCertificate.dll', 'CsCertificate.Format.ps1xml', 'LICENSE', 'Dependencies/BouncyCastle.Cryptography.dll') +
        @($messageCultures | ForEach-Object { "$_/CsCertificate.resources.dll" }) +
        @($helpCultures | ForEach-Object { "$_/CsCertificate.dll-Help.xml"; "$_/about_CsCertificate.help.txt" })
    foreach ($file in $expected) {
        if (-not (Test-Path (Join-Path $moduleOut $file))) {
            throw "The module layout is missing $file."
        }
    }

    $fileVersion = [System.Diagnostics.FileVersionInfo]::GetVersionInfo((Join-Path $moduleOut 'CsCertificate.dll')).FileVersion
    if ($fileVersion -ne "$version.0") {
        throw "CsCertificate.dll has FileVersion $fileVersion, but the manifest says $version."
    }
    Write-Host "Module laid out in $moduleOut"
}

# The package: out/CsCertificate packed by PSResourceGet's Compress-PSResource (PowerShell 7.4 and later ship it),
# so its .nuspec is the one Publish-PSResource would send to a gallery. No repository is registered, no network used.
function Get-PackagePath {
    Join-Path $out "CsCertificate.$(Get-PackageVersion).nupkg"
}

function Invoke-Package {
    Invoke-Build
    $package = Get-PackagePath
    $compress = Get-Command -Name Compress-PSResource -Module Microsoft.PowerShell.PSResourceGet -ErrorAction SilentlyContinue
    if (-not $compress) {
        throw 'Packaging needs Compress-PSResource from Microsoft.PowerShell.PSResourceGet 1.1 or later, which PowerShell 7.4 and later ship: run "dotnet pwsh ./build.ps1 -Task Package".'
    }
    Get-ChildItem -Path $out -Filter 'CsCertificate.*.nupkg' | Remove-Item -Force
    & $compress -Path $moduleOut -DestinationPath $out | Out-Null
    if (-not (Test-Path $package)) { throw "Compress-PSResource did not write $package." }

    Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
    $zip = [System.IO.Compression.ZipFile]::OpenRead($package)
    try { $entries = @($zip.Entries | ForEach-Object { $_.FullName -replace '\\', '/' }) } finally { $zip.Dispose() }
    $expected = @('CsCertificate.nuspec', 'CsCertificate.psd1', 'CsCertificate.dll', 'CsCertificate.Format.ps1xml', 'LICENSE', 'Dependencies/BouncyCastle.Cryptography.dll') +
        @($messageCultures | ForEach-Object { "$_/CsCertificate.resources.dll" }) +
        @($helpCultures | ForEach-Object { "$_/CsCertificate.dll-Help.xml"; "$_/about_CsCertificate.help.txt" })
    foreach ($file in $expected) {
        if ($entries -notcontains $file) { throw "The package $package is missing $file." }
    }
    Write-Host "Package written to $package"
}

# Pester comes from the NuGet feed through a PackageDownload restore: no gallery, no Install-Module.
function Get-PesterModulePath {
    $packages = Join-Path $out 'packages'
    Invoke-Dotnet restore (Join-Path $root 'tests/Pester/Restore/PesterPackages.csproj') --packages $packages --nologo -v quiet
    $manifest = Join-Path $packages "pester/$pesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) { throw "Pester $pesterVersion was not restored to $manifest." }
    return $manifest
}

function Get-XunitTotals([string] $trx) {
    [xml] $doc = Get-Content -Raw -Path $trx
    $counters = $doc.TestRun.ResultSummary.Counters
    $results = @($doc.TestRun.Results.UnitTestResult)
    $failedNames = @($results | Where-Object { $_.outcome -ne 'Passed' -and $_.outcome -ne 'NotExecuted' } | ForEach-Object testName)
    # A skipped xunit test carries its Skip reason as the result's message.
    $skipReasons = @($results | Where-Object outcome -eq 'NotExecuted' | ForEach-Object {
            $message = $_.SelectSingleNode('*[local-name()="Output"]/*[local-name()="ErrorInfo"]/*[local-name()="Message"]')
            if ($message) { $message.InnerText.Trim() } else { 'no reason given' }
        })
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout; FailedNames = $failedNames; SkipReasons = $skipReasons }
}

# One line per reason for skipping, with its count, then the totals line that CI reads last.
function Write-TestTotals([int] $Passed, [int] $Failed, [string[]] $SkipReasons) {
    $SkipReasons = @($SkipReasons | Where-Object { $_ })
    foreach ($group in $SkipReasons | Group-Object | Sort-Object Count -Descending) {
        Write-Host "$($group.Count) skipped: $($group.Name)"
    }
    Write-Output "$Passed passed, $Failed failed, $($SkipReasons.Count) skipped"
}

# Runs Pester in a clean child of this PowerShell (same edition and version) against out/CsCertificate, and returns
# its totals. The package tests use $Package when it is given.
function Invoke-PesterTests([string] $ResultPath, [string] $Package) {
    $pester = Get-PesterModulePath
    $powershell = @(Get-PowerShellCommand)
    $exe = $powershell[0]
    $prefix = @($powershell | Select-Object -Skip 1)
    $arguments = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'tests/Pester/Invoke-Tests.ps1'),
        '-PesterManifest', $pester, '-ModuleManifest', (Join-Path $moduleOut 'CsCertificate.psd1'), '-ResultPath', $ResultPath)
    if ($Package) { $arguments += @('-PackagePath', $Package) }
    & $exe @prefix @arguments | Out-Host
    $exitCode = $LASTEXITCODE
    $totals = if (Test-Path $ResultPath) { Get-Content -Raw $ResultPath | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1; FailedNames = @('Pester did not run'); SkipReasons = @() } }
    if ($totals.Failed -eq 0 -and $exitCode -ne 0) { $totals.Failed = 1 }
    return $totals
}

function Invoke-Test {
    if ($PesterOnly) {
        Invoke-PesterOnly
        return
    }
    # The package tests install what -Task Package writes; where PSResourceGet is missing they skip, saying why.
    $package = $null
    if (Get-Command -Name Compress-PSResource -ErrorAction SilentlyContinue) {
        Invoke-Package
        $package = Get-PackagePath
    }
    else {
        Write-Warning 'Compress-PSResource (PSResourceGet) is not in this PowerShell: building without the package.'
        Invoke-Build
    }
    if (Test-Path $testResults) { Remove-Item $testResults -Recurse -Force }
    New-Item -ItemType Directory -Path $testResults -Force | Out-Null

    Write-Host 'Running xunit'
    & dotnet test (Join-Path $root 'tests/CsCertificate.Tests/CsCertificate.Tests.csproj') -c $Configuration --nologo `
        --logger 'trx;LogFileName=xunit.trx' --logger 'console;verbosity=minimal' --results-directory $testResults
    $xunitExit = $LASTEXITCODE
    $trx = Join-Path $testResults 'xunit.trx'
    $xunit = if (Test-Path $trx) { Get-XunitTotals $trx } else { [pscustomobject]@{ Passed = 0; Failed = 1; FailedNames = @('xunit did not run'); SkipReasons = @() } }

    # A test tool: the TLS proxy that injects CA faults in front of pebble (tests/Pester/Reliability.Tests.ps1).
    Invoke-Dotnet build (Join-Path $root 'tests/FaultProxy/FaultProxy.csproj') -c Release -o (Join-Path $out 'tools/FaultProxy') --nologo -v quiet

    Write-Host 'Running Pester against out/CsCertificate'
    $pesterTotals = Invoke-PesterTests -ResultPath (Join-Path $testResults 'pester.json') -Package $package

    $passed = $xunit.Passed + $pesterTotals.Passed
    $failed = $xunit.Failed + $pesterTotals.Failed
    if ($failed -eq 0 -and $xunitExit -ne 0) { $failed = 1 }
    foreach ($name in @($xunit.FailedNames) + @($pesterTotals.FailedNames)) {
        if ($name) { Write-Host "Failed: $name" }
    }
    $skipReasons = @($xunit.SkipReasons) + @($pesterTotals.SkipReasons)
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed, $(@($xunit.SkipReasons).Count) skipped; Pester: $($pesterTotals.Passed) passed, $($pesterTotals.Failed) failed, $(@($pesterTotals.SkipReasons).Count) skipped"
    Write-TestTotals -Passed $passed -Failed $failed -SkipReasons $skipReasons
    if ($failed -gt 0) { exit 1 }
}

# Pester alone, against the module (and package, when there is one) that an earlier Build, Package or Test wrote:
# how CI runs the tests under Windows PowerShell 5.1 after building with the .NET SDK.
function Invoke-PesterOnly {
    $manifest = Join-Path $moduleOut 'CsCertificate.psd1'
    if (-not (Test-Path $manifest)) { throw "There is no built module at ${manifest}; run build.ps1 -Task Build (or Package) first." }
    $package = Get-PackagePath
    if (-not (Test-Path $package)) { $package = $null }
    New-Item -ItemType Directory -Path $testResults -Force | Out-Null

    Write-Host "Running Pester in PowerShell $($PSVersionTable.PSVersion) ($($PSVersionTable.PSEdition)) against out/CsCertificate"
    $pesterTotals = Invoke-PesterTests -ResultPath (Join-Path $testResults "pester-$($PSVersionTable.PSEdition).json") -Package $package
    foreach ($name in @($pesterTotals.FailedNames)) {
        if ($name) { Write-Host "Failed: $name" }
    }
    Write-TestTotals -Passed $pesterTotals.Passed -Failed $pesterTotals.Failed -SkipReasons @($pesterTotals.SkipReasons)
    if ($pesterTotals.Failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    $demo = Join-Path $out 'demo'
    if (Test-Path $demo) { Remove-Item $demo -Recurse -Force }
    New-Item -ItemType Directory -Path $demo -Force | Out-Null
    $powershell = @(Get-PowerShellCommand)
    $exe = $powershell[0]
    $prefix = @($powershell | Select-Object -Skip 1)
    & $exe @prefix -NoProfile -NonInteractive -File (Join-Path $root 'docs/examples/Demo.ps1') -ModuleManifest (Join-Path $moduleOut 'CsCertificate.psd1') -WorkFolder $demo
    if ($LASTEXITCODE -ne 0) { throw "The demo failed with exit code $LASTEXITCODE." }
}

function Invoke-Bench {
    # Measurements are of the Release build, whatever -Configuration says.
    $script:Configuration = 'Release'
    Invoke-Build
    $bench = Join-Path $out 'bench'
    if ($Quick) {
        $results = Join-Path $bench 'results-quick.md'
        $raw = Join-Path $bench 'raw-quick'
    }
    else {
        $results = Join-Path $root 'bench/results.md'
        $raw = Join-Path $root ('bench/raw/' + [DateTime]::UtcNow.ToString('yyyyMMdd-HHmmss', [Globalization.CultureInfo]::InvariantCulture))
    }

    $powershell = @(Get-PowerShellCommand)
    $exe = $powershell[0]
    $prefix = @($powershell | Select-Object -Skip 1)
    $arguments = @('-ModuleManifest', (Join-Path $moduleOut 'CsCertificate.psd1'), '-OutFile', $results, '-RawFolder', $raw, '-WorkFolder', (Join-Path $bench 'work'))
    if ($Quick) { $arguments += '-Quick' }
    & $exe @prefix -NoProfile -NonInteractive -File (Join-Path $root 'bench/Invoke-Benchmark.ps1') @arguments
    if ($LASTEXITCODE -ne 0) { throw "The benchmark failed with exit code $LASTEXITCODE." }
}

function Invoke-Clean {
    foreach ($path in $out, (Join-Path $root 'src/CsCertificate/bin'), (Join-Path $root 'src/CsCertificate/obj'),
        (Join-Path $root 'tests/CsCertificate.Tests/bin'), (Join-Path $root 'tests/CsCertificate.Tests/obj'),
        (Join-Path $root 'tests/Pester/Restore/obj'), (Join-Path $root 'tests/FaultProxy/bin'), (Join-Path $root 'tests/FaultProxy/obj')) {
        if (Test-Path $path) { Remove-Item $path -Recurse -Force }
    }
    Write-Host 'Cleaned.'
}

if ($PesterOnly -and $Task -ne 'Test') { throw '-PesterOnly goes with -Task Test.' }

Push-Location $root
try {
    switch ($Task) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Package' { Invoke-Package }
        'Demo' { Invoke-Demo }
        'Bench' { Invoke-Bench }
        'Clean' { Invoke-Clean }
    }
}
finally {
    Pop-Location
}
