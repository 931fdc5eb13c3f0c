// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CsCertificate.CaClient;
using CsCertificate.Certificates;
using CsCertificate.Commands;
using CsCertificate.Engine;

namespace CsCertificate.Tests.TestInfrastructure;

/// <summary>
/// Runs Request-CsCertificate (and Update-CsCertificate) in a real runspace, with the cmdlets registered from the
/// assembly under test.
/// </summary>
internal sealed class PowerShellHost : IDisposable
{
    private readonly Runspace _runspace;

    /// <summary>A runspace whose commands see this machine's network, and <paramref name="environment"/>.</summary>
    /// <param name="environment">The machine the cmdlets see.</param>
    /// <param name="installer">The certificate store issued certificates go to; the platform's when null.</param>
    public PowerShellHost(IEngineEnvironment environment, ICertificateInstaller? installer = null)
        : this(new ModuleServices(environment, () => installer ?? new X509StoreInstaller(), CaClientFactory.CreateAcmeHandler))
    {
    }

    /// <summary>A runspace whose commands and completers get <paramref name="services"/> from the composition root.</summary>
    public PowerShellHost(ModuleServices services)
    {
        ModuleServices.Create = () => services;
        InitialSessionState state = InitialSessionState.CreateDefault2();
        state.Commands.Add(new SessionStateCmdletEntry("Request-CsCertificate", typeof(RequestCsCertificateCommand), null));
        state.Commands.Add(new SessionStateCmdletEntry("Update-CsCertificate", typeof(UpdateCsCertificateCommand), null));
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
    }

    /// <summary>Runs Request-CsCertificate with these parameters; errors stay in <see cref="Result.Errors"/>, terminating ones too.</summary>
    public Result Invoke(IDictionary<string, object?> parameters, string progressPreference = "Continue") =>
        Run(Command(parameters), progressPreference);

    /// <summary>Runs a command with these parameters (a null value is a switch).</summary>
    public Result Invoke(string command, IDictionary<string, object?> parameters) => Run(Command(parameters, command), "Continue");

    /// <summary>Runs a script in the runspace, for pipelines.</summary>
    public Result InvokeScript(string script)
    {
        PowerShell shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        return Run(shell, "Continue");
    }

    private Result Run(PowerShell command, string progressPreference)
    {
        _runspace.SessionStateProxy.SetVariable("ProgressPreference", progressPreference);
        using PowerShell shell = command;
        var errors = new List<ErrorRecord>();
        Collection<PSObject> output = new Collection<PSObject>();
        try
        {
            output = shell.Invoke();
        }
        catch (RuntimeException ex)
        {
            errors.Add(ex.ErrorRecord);
        }

        errors.AddRange(shell.Streams.Error);
        return new Result(output, errors, shell.Streams.Warning, shell.Streams.Verbose, shell.Streams.Progress);
    }

    /// <summary>
    /// Runs the command and stops it as Ctrl+C does (<see cref="PowerShell.Stop"/>, which calls the cmdlet's
    /// StopProcessing) once <paramref name="ready"/> says it is where the test wants it.
    /// </summary>
    /// <returns>What the command wrote, and whether it ended by the stop (a <see cref="PipelineStoppedException"/>).</returns>
    public (Result Result, bool Stopped) InvokeAndStop(IDictionary<string, object?> parameters, Func<bool> ready, TimeSpan readyTimeout)
    {
        using PowerShell shell = Command(parameters);
        var output = new PSDataCollection<PSObject>();
        IAsyncResult running = shell.BeginInvoke<PSObject, PSObject>(null, output);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!ready() && !running.IsCompleted && waited.Elapsed < readyTimeout)
        {
            System.Threading.Thread.Sleep(20);
        }

        shell.Stop();
        var errors = new List<ErrorRecord>();
        bool stopped = false;
        try
        {
            shell.EndInvoke(running);
        }
        catch (PipelineStoppedException)
        {
            stopped = true;
        }
        catch (RuntimeException ex)
        {
            errors.Add(ex.ErrorRecord);
        }

        stopped |= shell.InvocationStateInfo.State == PSInvocationState.Stopped;
        errors.AddRange(shell.Streams.Error);
        return (new Result(new Collection<PSObject>(output), errors, shell.Streams.Warning, shell.Streams.Verbose, shell.Streams.Progress), stopped);
    }

    public void Dispose()
    {
        _runspace.Dispose();
        ModuleServices.Create = () => ModuleServices.Machine;
    }

    /// <summary>The command (Request-CsCertificate by default) with these parameters (a null value is a switch), in this host's runspace.</summary>
    private PowerShell Command(IDictionary<string, object?> parameters, string command = "Request-CsCertificate")
    {
        PowerShell shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddCommand(command);
        foreach (KeyValuePair<string, object?> parameter in parameters)
        {
            if (parameter.Value is null)
            {
                shell.AddParameter(parameter.Key);
            }
            else
            {
                shell.AddParameter(parameter.Key, parameter.Value);
            }
        }

        return shell;
    }

    public sealed class Result
    {
        public Result(Collection<PSObject> output, List<ErrorRecord> errors, PSDataCollection<WarningRecord> warnings, PSDataCollection<VerboseRecord> verbose, PSDataCollection<ProgressRecord> progress)
        {
            Output = output;
            Errors = errors;
            Warnings = warnings;
            Verbose = verbose;
            Progress = progress;
        }

        public Collection<PSObject> Output { get; }

        public List<ErrorRecord> Errors { get; }

        public PSDataCollection<WarningRecord> Warnings { get; }

        public PSDataCollection<VerboseRecord> Verbose { get; }

        public PSDataCollection<ProgressRecord> Progress { get; }
    }
}
