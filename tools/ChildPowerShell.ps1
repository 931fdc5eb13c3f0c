# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# Starting a clean child of the PowerShell that runs the caller: same edition, same version, no profile. Dot-sourced
# by build.ps1, bench/ and tests/Pester/TestHelpers.ps1; runs in Windows PowerShell 5.1 and PowerShell 7.

# The command line that starts such a child: its executable, then what goes before PowerShell's own parameters.
# Started as a .NET tool (dotnet pwsh) the process is dotnet and PowerShell is the pwsh.dll beside $PSHOME.
function Get-ChildPowerShell {
    $process = (Get-Process -Id $PID).Path
    if ([System.IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        return @($process, (Join-Path $PSHOME 'pwsh.dll'))
    }
    return @($process)
}

# Sets environment variables (an empty or $null value removes one) while a script block runs, then puts back what
# was there. Children inherit the environment of the moment they start.
function Invoke-WithEnvironment([hashtable] $Environment, [scriptblock] $ScriptBlock) {
    $saved = @{}
    foreach ($name in $Environment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        Set-EnvironmentValue $name ([string]$Environment[$name])
    }
    try {
        & $ScriptBlock
    }
    finally {
        foreach ($name in $saved.Keys) { Set-EnvironmentValue $name $saved[$name] }
    }
}

# Sets a variable, or removes it for an empty or $null value: PowerShell 7 on Linux and macOS otherwise keeps an
# empty variable, which a later Test-Path Env:\<name> finds.
function Set-EnvironmentValue([string] $Name, [string] $Value) {
    if ($Value) { Set-Item -LiteralPath "Env:$Name" -Value $Value }
    else { Remove-Item -LiteralPath "Env:$Name" -ErrorAction SilentlyContinue }
}

# The arguments of a child that runs a script file, after the command of Get-ChildPowerShell.
function Get-ChildPowerShellArgument([string] $FilePath, [string[]] $ArgumentList) {
    @(Get-ChildPowerShell | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $FilePath) + @($ArgumentList)
}

# Runs a script file in a child and waits for it: its output comes down the pipeline, $LASTEXITCODE is its exit code.
# -Through starts the child through another command that is given PowerShell's command line (setpriv ..., or
# sh -c 'umask 000; exec "$0" "$@"').
function Invoke-ChildPowerShell {
    param(
        [Parameter(Mandatory)] [string] $FilePath,
        [string[]] $ArgumentList = @(),
        [hashtable] $Environment = @{},
        [string[]] $Through = @()
    )

    $command = @($Through) + @(Get-ChildPowerShell)
    $executable = $command[0]
    $arguments = @($command | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $FilePath) + @($ArgumentList)
    Invoke-WithEnvironment $Environment { & $executable @arguments }
}

# Starts a script file in a child without waiting, its output and errors going to files; returns the process.
function Start-ChildPowerShell {
    param(
        [Parameter(Mandatory)] [string] $FilePath,
        [string[]] $ArgumentList = @(),
        [hashtable] $Environment = @{},
        [Parameter(Mandatory)] [string] $StandardOutput,
        [Parameter(Mandatory)] [string] $StandardError
    )

    $executable = @(Get-ChildPowerShell)[0]
    # Start-Process joins the arguments with spaces: quote those that hold one.
    $arguments = @(Get-ChildPowerShellArgument $FilePath $ArgumentList | ForEach-Object { if ($_ -match '\s') { "`"$_`"" } else { $_ } })
    Invoke-WithEnvironment $Environment {
        Start-Process -FilePath $executable -ArgumentList $arguments -PassThru -RedirectStandardOutput $StandardOutput -RedirectStandardError $StandardError
    }
}
