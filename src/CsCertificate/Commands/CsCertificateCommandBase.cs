// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;
using System.Management.Automation;
using CsCertificate.Certificates;
using CsCertificate.Common;
using CsCertificate.Engine;
using CsCertificate.Report;
using CsCertificate.Resources;
using CsCertificate.Store;

namespace CsCertificate.Commands;

/// <summary>
/// What the module's cmdlets share: -Report (the HTML log and its CsMgmtLog XML twin), the operation log wired
/// to -Verbose and warnings, and the two ways an engine failure ends: the whole command, or one item of several.
/// </summary>
public abstract class CsCertificateCommandBase : PSCmdlet
{
    private const int ProgressId = 0x0C5C;

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
        _log.VerboseWritten += WriteVerbose;
        _log.WarningWritten += WriteWarning;
        _log.ProgressWritten += (activity, status) => WriteProgress(new ProgressRecord(ProgressId, activity, status ?? activity)
        {
            RecordType = status == null ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        });

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

    /// <summary>
    /// Checks the data folder before the command uses it: folders and files open to others are restricted (the
    /// verbose story says so), and one that belongs to another user ends the command.
    /// </summary>
    internal void CheckStore(RequestStore store) => Run(() =>
    {
        store.CheckSecurity(Log.Verbose);
        return store;
    });

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
