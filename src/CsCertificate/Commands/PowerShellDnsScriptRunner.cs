// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using CsCertificate.CaClient.Acme;
using CsCertificate.Resources;

namespace CsCertificate.Commands;

/// <summary>
/// Runs the -DnsScript in the PowerShell session of the command (a nested pipeline of the current runspace, on the
/// pipeline's thread), so that the script sees the session's modules (DnsServer, a cloud provider's) and
/// variables. An error the script writes, or throws, fails the call; its verbose lines go to the command's verbose
/// story. Ctrl+C stops the script.
/// </summary>
internal sealed class PowerShellDnsScriptRunner : IDnsScriptRunner
{
    // A nested pipeline writes verbose lines to the host, not to its streams: they are merged into the output here.
    private const string CallScript = "param($Script, $Action, $Name, $Value) $VerbosePreference = 'Continue'; & $Script -Action $Action -Name $Name -Value $Value 4>&1";

    public void Run(string script, string action, string name, string value, Action<string> verbose, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        using PowerShell shell = PowerShell.Create(RunspaceMode.CurrentRunspace);

        // In a scope of its own, where the script's verbose lines are kept for the command's verbose story (the screen
        // shows them with -Verbose); its warnings and host output go to the host as any script's do.
        shell.AddScript(CallScript, useLocalScope: true).AddArgument(script).AddArgument(action).AddArgument(name).AddArgument(value);
        Collection<PSObject> output;
        using (cancel.Register(() => shell.BeginStop(null, null)))
        {
            try
            {
                output = shell.Invoke();
            }
            catch (PipelineStoppedException) when (cancel.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancel);
            }
            catch (RuntimeException ex)
            {
                throw new DnsScriptException(ex.Message, ex);
            }
        }

        foreach (VerboseRecord line in output.Select(o => o?.BaseObject).OfType<VerboseRecord>())
        {
            verbose(Messages.Format(Strings.DnsScriptSaid, line.Message));
        }

        ErrorRecord? error = shell.Streams.Error.FirstOrDefault();
        if (error != null)
        {
            throw new DnsScriptException(error.ToString(), error.Exception);
        }

        cancel.ThrowIfCancellationRequested();
    }
}
