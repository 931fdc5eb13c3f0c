// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using CsCertificate.CaClient.Acme;
using CsCertificate.Commands;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

namespace CsCertificate.Tests.Commands;

/// <summary>
/// The -DnsScript seam: the cmdlet's runner calls the script in the session that runs the command, on its pipeline
/// thread, as <c>&lt;script&gt; -Action -Name -Value</c>. Here the runner is called from a pipeline of a real
/// runspace, as the cmdlet calls it (these tests run on every CI platform, BIND or not).
/// </summary>
public sealed class PowerShellDnsScriptRunnerTests : IDisposable
{
    private readonly TempFolder _folder = new TempFolder();
    private readonly Runspace _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
    private readonly List<string> _verbose = new List<string>();

    public PowerShellDnsScriptRunnerTests()
    {
        _runspace.Open();
    }

    [Fact]
    public void RunsTheScriptInTheSessionWithActionNameAndValue()
    {
        string calls = _folder.File("calls.txt");
        string script = _folder.Write("Set-Txt.ps1", string.Join("\n",
            "param([Parameter(Mandatory)] [ValidateSet('Add', 'Remove')] [string] $Action, [Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [string] $Value)",
            "Add-Content -Path '" + calls + "' -Value \"$Action $Name $Value $SessionMarker\"",
            "Write-Verbose \"added $Name\""));

        RunInPipeline("$SessionMarker = 'session'", () => new PowerShellDnsScriptRunner().Run(script, "Add", "_acme-challenge.sip.litwareinc.com", "v1", _verbose.Add, CancellationToken.None));

        Assert.Equal(new[] { "Add _acme-challenge.sip.litwareinc.com v1 session" }, File.ReadAllLines(calls));
        Assert.Contains(_verbose, line => line.Contains("added _acme-challenge.sip.litwareinc.com"));
    }

    [Theory]
    [InlineData("Write-Error 'the provider said no'")]
    [InlineData("throw 'the provider said no'")]
    public void AnErrorTheScriptWritesOrThrowsFailsTheCall(string line)
    {
        string script = _folder.Write("Fail-Txt.ps1", "param($Action, $Name, $Value)\n" + line);

        DnsScriptException? error = null;
        RunInPipeline(string.Empty, () =>
        {
            try
            {
                new PowerShellDnsScriptRunner().Run(script, "Remove", "_acme-challenge.sip.litwareinc.com", "v1", _verbose.Add, CancellationToken.None);
            }
            catch (DnsScriptException ex)
            {
                error = ex;
            }
        });

        Assert.NotNull(error);
        Assert.Contains("the provider said no", error!.Message);
    }

    public void Dispose()
    {
        _runspace.Dispose();
        _folder.Dispose();
    }

    /// <summary>Runs a step on the pipeline thread of the runspace, after a line of script that sets up the session.</summary>
    private void RunInPipeline(string setup, Action step)
    {
        _runspace.SessionStateProxy.SetVariable("step", step);
        using PowerShell shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(setup + "\n$step.Invoke()");
        shell.Invoke();
        Assert.Empty(shell.Streams.Error);
    }
}
