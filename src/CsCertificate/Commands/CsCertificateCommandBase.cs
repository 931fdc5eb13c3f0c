// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;
using System.Management.Automation;
using System.Threading;
using CsCertificate.Certificates;
using CsCertificate.Common;
using CsCertificate.Engine;
using CsCertificate.Report;
using CsCertificate.Resources;

namespace CsCertificate.Commands;

/// <summary>
/// What the module's cmdlets share: -Report (the HTML log and its CsMgmtLog XML twin), the operation log wired
/// to -Verbose and warnings, the two ways an engine failure ends (the whole command, or one item of several), and
/// Ctrl+C: <see cref="StopProcessing"/> cancels <see cref="StopToken"/>, which every CA wait and call honours.
/// </summary>
public abstract class CsCertificateCommandBase : PSCmdlet, IDisposable
{
    private const int ProgressId = 0x0C5C;

    private readonly CancellationTokenSource _stop = new CancellationTokenSource();

    private OperationLog? _log;
    private string? _reportPath;

    /// <summary>Gets or sets the HTML log file; an XML twin with the same base name is written next to it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Report { get; set; }

    /// <summary>Gets or sets the machine facts the engine reads; tests replace it.</summary>
    internal static IEngineEnvironment Environment { get; set; } = SystemEnvironment.Instance;

    /// <summary>Gets or sets the certificate store that issued certificates go to; tests replace it.</summary>
    internal static ICertificateInstaller Installer { get; set; } = new X509StoreInstaller();

    /// <summary>Gets the token that Ctrl+C (or PowerShell.Stop) cancels; the engine passes it to the CA clients.</summary>
    internal CancellationToken StopToken => _stop.Token;

    /// <summary>Gets the log of this command.</summary>
    internal OperationLog Log => _log!;

    /// <summary>Gets a value indicating whether a -Report will be written, which is what the log's Output section is for.</summary>
    internal bool ReportRequested => _reportPath != null;

    /// <summary>Gets or sets a value indicating whether -WhatIf or a declined -Confirm left everything unwritten.</summary>
    internal bool WroteNothing { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        _log = new OperationLog(MyInvocation.MyCommand.Name, () => Environment.UtcNow);
        _log.VerboseWritten += text => UnlessStopped(() => WriteVerbose(text));
        _log.WarningWritten += text => UnlessStopped(() => WriteWarning(text));
        _log.ProgressWritten += (activity, status) => UnlessStopped(() => WriteProgress(new ProgressRecord(ProgressId, activity, status ?? activity)
        {
            RecordType = status == null ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        }));

        if (Report != null && !WhatIfRequested())
        {
            _reportPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Report);
            string? folder = Path.GetDirectoryName(_reportPath);
            if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder) || Directory.Exists(_reportPath))
            {
                _reportPath = null;
                ThrowTerminatingError(ErrorRecordFactory.Create(new CsCertificateException(
                    ErrorIds.ReportNotWritable, ErrorKind.WriteError, Messages.Format(Strings.ReportFolderNotFound, Report), Report)));
            }

            string? problem = FolderProbe.CannotWrite(_reportPath!);
            if (problem != null)
            {
                string path = _reportPath!;
                _reportPath = null;
                ThrowTerminatingError(ErrorRecordFactory.Create(new CsCertificateException(
                    ErrorIds.ReportNotWritable, ErrorKind.WriteError, Messages.Format(Strings.ReportNotWritable, path, problem), path)));
            }
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        Log.Complete();
        WriteReport();
    }

    /// <summary>Ctrl+C: called on another thread while the pipeline thread waits for a CA; the waits end at once.</summary>
    protected override void StopProcessing()
    {
        _stop.Cancel();
        base.StopProcessing();
    }

    /// <inheritdoc/>
    public void Dispose() => _stop.Dispose();

    /// <summary>Runs a step whose failure ends the command: the report is written, then the error is thrown.</summary>
    internal T? Run<T>(Func<T> step)
        where T : class
    {
        try
        {
            return step();
        }
        catch (CsCertificateException ex)
        {
            Log.Error(ex.Message);
            Log.Complete(ex.Message);
            WriteReport();
            ThrowTerminatingError(ErrorRecordFactory.Create(ex));
            return null;
        }
        catch (OperationCanceledException ex) when (_stop.IsCancellationRequested)
        {
            throw Stopped(ex);
        }
    }

    /// <summary>Runs a step for one item of several: its failure is reported and the others go on.</summary>
    internal T? RunItem<T>(Func<T> step)
        where T : class
    {
        try
        {
            return step();
        }
        catch (CsCertificateException ex)
        {
            Log.Error(ex.Message);
            WriteError(ErrorRecordFactory.Create(ex));
            return null;
        }
        catch (OperationCanceledException ex) when (_stop.IsCancellationRequested)
        {
            throw Stopped(ex);
        }
    }

    /// <summary>
    /// Ends a stopped command the PowerShell way; the report is still written, since the stopped request's state
    /// (kept, to resume with -Retrieve) is worth having in it.
    /// </summary>
    private PipelineStoppedException Stopped(OperationCanceledException ex)
    {
        Log.Complete(ex.Message);
        WriteReport();
        return new PipelineStoppedException();
    }

    /// <summary>
    /// Writes a stream record unless the pipeline is stopping: after Ctrl+C, PowerShell refuses every write with
    /// PipelineStoppedException, and the engine must still be able to finish saving the stopped request.
    /// </summary>
    private static void UnlessStopped(Action write)
    {
        try
        {
            write();
        }
        catch (PipelineStoppedException)
        {
            // Stopping: PowerShell shows nothing more, and the engine goes on to save the request.
        }
    }

    /// <summary>-WhatIf (or $WhatIfPreference) writes nothing, the report included.</summary>
    private bool WhatIfRequested() =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? whatIf)
            ? whatIf is SwitchParameter s && s.IsPresent
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    private void WriteReport()
    {
        if (_reportPath == null || WroteNothing)
        {
            return;
        }

        string path = _reportPath;
        _reportPath = null;
        try
        {
            ReportWriter.Write(Log, path);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            WriteError(ErrorRecordFactory.Create(new CsCertificateException(
                ErrorIds.ReportNotWritable, ErrorKind.WriteError, Messages.Format(Strings.ReportNotWritable, path, ex.Message), path, ex)));
        }
    }
}
