// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using CsCertificate.Common;
using CsCertificate.Engine;
using CsCertificate.Report;
using CsCertificate.Resources;
using CsCertificate.Store;

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

    private ModuleServices? _services;
    private OperationLog? _log;
    private OutputFile? _reportHtml;
    private OutputFile? _reportXml;

    /// <summary>Gets or sets the HTML log file; an XML twin with the same base name is written next to it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Report { get; set; }

    /// <summary>Gets what this command works with, from the composition root.</summary>
    internal ModuleServices Services => _services!;

    /// <summary>Gets the token that Ctrl+C (or PowerShell.Stop) cancels; the engine passes it to the CA clients.</summary>
    internal CancellationToken StopToken => _stop.Token;

    /// <summary>Gets the log of this command.</summary>
    internal OperationLog Log => _log!;

    /// <summary>Gets a value indicating whether a -Report will be written, which is what the log's Output section is for.</summary>
    internal bool ReportRequested => _reportHtml != null;

    /// <summary>Gets the -Report files as messages name them, which no input or other output of the command may be.</summary>
    internal IReadOnlyList<NamedPath> ReportFiles { get; private set; } = Array.Empty<NamedPath>();

    /// <summary>Gets PowerShell's current file system location, which relative paths start from.</summary>
    internal string CurrentFolder => SessionState.Path.CurrentFileSystemLocation.ProviderPath;

    /// <summary>Gets or sets a value indicating whether -WhatIf or a declined -Confirm left everything unwritten.</summary>
    internal bool WroteNothing { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        _services = ModuleServices.Create();
        IEngineEnvironment environment = _services.Environment;
        _log = new OperationLog(MyInvocation.MyCommand.Name, () => environment.UtcNow);
        _log.VerboseWritten += text => UnlessStopped(() => WriteVerbose(text));
        _log.WarningWritten += text => UnlessStopped(() => WriteWarning(text));
        _log.ProgressWritten += (activity, status) => UnlessStopped(() => WriteProgress(new ProgressRecord(ProgressId, activity, status ?? activity)
        {
            RecordType = status == null ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        }));

        if (Report != null && !WhatIfRequested())
        {
            try
            {
                CheckReport(Report);
            }
            catch (CsCertificateException ex)
            {
                DropReport();
                ThrowTerminatingError(ErrorRecordFactory.Create(ex));
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

    /// <summary>
    /// The session's data folder, checked before the command uses it: folders and files open to others are
    /// restricted (the verbose story says so), and one that belongs to another user ends the command.
    /// </summary>
    internal RequestStore OpenStore()
    {
        RequestStore store = Services.Store(CurrentFolder);
        WriteVerbose(Messages.Format(Strings.VerboseDataFolder, store.Home));
        Run(() =>
        {
            store.CheckSecurity(Log.Verbose);
            return store;
        });
        return store;
    }

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
            if (ex.ErrorId == ErrorIds.PathConflict)
            {
                // Refused before anything is written, the report included: it may be the file in conflict.
                DropReport();
            }

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
            WriteItemError(ex);
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

    /// <summary>Reports the failure of one item of several, in the log and as a non-terminating error.</summary>
    internal void WriteItemError(CsCertificateException exception)
    {
        Log.Error(exception.Message);
        WriteError(ErrorRecordFactory.Create(exception));
    }

    /// <summary>Reports the records the store could not read (and set aside), each as a non-terminating error.</summary>
    internal void WriteProblems(IEnumerable<StoreProblem> problems)
    {
        foreach (StoreProblem problem in problems)
        {
            WriteItemError(new CsCertificateException(problem.ErrorId, ErrorKind.InvalidData, problem.Message, problem.Path, problem.Exception));
        }
    }

    /// <summary>A stored request as ShouldProcess names it: "request 3 (Default, CN=…)".</summary>
    internal static string Describe(RequestRecord record) =>
        Messages.Format(Strings.RequestDescription, record.RequestId, string.Join(",", record.CertificateUses), record.Subject);

    /// <summary>
    /// Resolves a path of a file the command writes against PowerShell's current location; a path on a drive
    /// that holds no files (Env:, Function:, Variable:) is refused.
    /// </summary>
    /// <exception cref="CsCertificateException">The path is not on a file system drive, or its drive does not exist.</exception>
    internal string FileSystemPath(string path, OutputFileRole role)
    {
        string resolved;
        ProviderInfo provider;
        try
        {
            resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out PSDriveInfo _);
        }
        catch (SessionStateException ex)
        {
            throw role.FolderMissing(path, path, ex);
        }

        if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
        {
            throw role.NotFileSystem(path, provider.Name);
        }

        return resolved;
    }

    /// <summary>-WhatIf (or $WhatIfPreference) writes nothing, the report included.</summary>
    internal bool WhatIfRequested() =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? whatIf)
            ? whatIf is SwitchParameter s && s.IsPresent
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    /// <summary>-Force, which both cmdlets have: it lets an existing report be replaced.</summary>
    private bool ForceRequested() =>
        MyInvocation.BoundParameters.TryGetValue("Force", out object? force) && force is SwitchParameter s && s.IsPresent;

    /// <summary>
    /// Checks the two report files before anything is done: regular files or nothing, existing ones only with
    /// -Force, and not one file twice.
    /// </summary>
    private void CheckReport(string report)
    {
        string path = FileSystemPath(report, OutputFileRole.Report);
        (string html, string xml) = ReportWriter.Paths(path);
        bool force = ForceRequested();
        _reportHtml = OutputFile.Check(html, OutputFileRole.Report, force);
        _reportXml = OutputFile.Check(xml, OutputFileRole.Report, force);
        string twin = string.Equals(html, path, StringComparison.Ordinal) ? xml : html;
        ReportFiles = new[] { NamedPath.Parameter(OutputFileRole.Report.Parameter, path), new NamedPath(Messages.Format(Strings.ConflictReportTwin, twin), twin) };
        PathConflicts.Check(ReportFiles, Array.Empty<NamedPath>());
    }

    private void DropReport()
    {
        _reportHtml = null;
        _reportXml = null;
    }

    private void WriteReport()
    {
        if (_reportHtml == null || _reportXml == null || WroteNothing)
        {
            return;
        }

        OutputFile html = _reportHtml;
        OutputFile xml = _reportXml;
        DropReport();
        try
        {
            ReportWriter.Write(Log, html, xml);
        }
        catch (CsCertificateException ex)
        {
            WriteError(ErrorRecordFactory.Create(ex));
        }
    }
}
