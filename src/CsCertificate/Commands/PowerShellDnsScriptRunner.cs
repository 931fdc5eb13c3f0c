// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using CsCertificate.CaClient.Acme;
using CsCertificate.Resources;

namespace CsCertificate.Commands;

/// <summary>
/// Runs the -DnsScript in the PowerShell session of the command (a nested pipeline of the current runspace, on the
/// pipeline's thread), so that the script sees the session's modules (DnsServer, a cloud provider's) and
/// variables. An error the script writes, or throws, fails the call; its verbose and warning lines go to the
/// command's verbose story. Ctrl+C stops the script.
/// </summary>
internal sealed class PowerShellDnsScriptRunner : IDnsScriptRunner
{
    public void Run(string script, string action, string name, string value, Action<string> verbose, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        using PowerShell shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
        shell.AddCommand(script).AddParameter("Action", action).AddParameter("Name", name).AddParameter("Value", value);
        using (cancel.Register(() => shell.BeginStop(null, null)))
        {
            try
            {
                shell.Invoke();
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

        foreach (VerboseRecord line in shell.Streams.Verbose)
        {
            verbose(Messages.Format(Strings.DnsScriptSaid, line.Message));
        }

        foreach (WarningRecord line in shell.Streams.Warning)
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
