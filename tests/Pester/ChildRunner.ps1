# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# Runs a test script in a fresh PowerShell, so that it starts with its own environment (HOME for the certificate
# store, SSL_CERT_FILE for the trusted test CA), and hands back what it wrote, stream by stream.
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $ScriptPath,
    [Parameter(Mandatory)] [string] $ResultPath
)

$ErrorActionPreference = 'Continue'
$VerbosePreference = 'Continue'
$DebugPreference = 'Continue'
$InformationPreference = 'Continue'
Import-Module $ModuleManifest
$records = [System.Collections.Generic.List[object]]::new()
try {
    & $ScriptPath *>&1 | ForEach-Object { $records.Add($_) }
}
catch {
    $records.Add($_)
}

# Enums travel as their names, so the parent compares them as the caller would read them.
function ConvertTo-Plain($value) {
    $plain = [ordered]@{}
    foreach ($property in $value.PSObject.Properties) {
        $item = $property.Value
        $plain[$property.Name] = if ($item -is [enum]) { "$item" } elseif ($item -is [array] -and $item.Count -and $item[0] -is [enum]) { @($item | ForEach-Object { "$_" }) } else { $item }
    }
    [pscustomobject]$plain
}

[pscustomobject]@{
    Output   = @($records | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] -and $_ -isnot [System.Management.Automation.WarningRecord] -and $_ -isnot [System.Management.Automation.VerboseRecord] -and $_ -isnot [System.Management.Automation.InformationRecord] -and $_ -isnot [System.Management.Automation.DebugRecord] } | ForEach-Object { ConvertTo-Plain $_ })
    Errors   = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object {
            [pscustomobject]@{ Id = $_.FullyQualifiedErrorId; Message = $_.Exception.Message; Category = "$($_.CategoryInfo.Category)"; Target = "$($_.TargetObject)"; Text = "$_`n$($_.Exception.ToString())" }
        })
    Warnings = @($records | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object Message)
    Verbose  = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
    Debug    = @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message)
    Information = @($records | Where-Object { $_ -is [System.Management.Automation.InformationRecord] } | ForEach-Object { "$($_.MessageData)" })
} | Export-Clixml -Path $ResultPath -Depth 4
