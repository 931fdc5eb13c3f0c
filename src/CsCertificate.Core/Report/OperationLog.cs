// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace CsCertificate.Report;

/// <summary>
/// The story of one command: what the engine did, for -Verbose and warnings as it happens, and for the
/// -Report files afterwards. The engine writes here; it never sees PowerShell.
/// </summary>
internal sealed class OperationLog
{
    private readonly Func<DateTime> _utcNow;
    private readonly List<LogEntry> _entries = new List<LogEntry>();

    public OperationLog(string commandName, Func<DateTime> utcNow)
    {
        CommandName = commandName;
        _utcNow = utcNow;
        Started = utcNow();
    }

    /// <summary>Occurs for every line meant for the verbose stream.</summary>
    public event Action<string>? VerboseWritten;

    /// <summary>Occurs for every warning.</summary>
    public event Action<string>? WarningWritten;

    /// <summary>Occurs when a slow step starts (status text) or ends (null), for Write-Progress.</summary>
    public event Action<string, string?>? ProgressWritten;

    public string CommandName { get; }

    public DateTime Started { get; }

    /// <summary>Gets the report's "Connection" line: where the data came from.</summary>
    public string? Connection { get; private set; }

    /// <summary>Gets the lines of the command's action, in order.</summary>
    public IReadOnlyList<LogEntry> Entries => _entries;

    /// <summary>Gets the printed output objects, for the report's "Output" section.</summary>
    public List<string> Output { get; } = new List<string>();

    /// <summary>Gets the failure that ended the command, if any.</summary>
    public string? Failure { get; private set; }

    public DateTime? Completed { get; private set; }

    public void SetConnection(string text)
    {
        Connection = text;
        VerboseWritten?.Invoke(text);
    }

    /// <summary>Logs a line that goes into the report and the verbose stream.</summary>
    public void Info(string text)
    {
        _entries.Add(new LogEntry(LogEntryKind.Info, _utcNow(), text));
        VerboseWritten?.Invoke(text);
    }

    /// <summary>Logs a line for the verbose stream only (detail that the real product's log does not carry).</summary>
    public void Verbose(string text) => VerboseWritten?.Invoke(text);

    public void Warning(string text)
    {
        _entries.Add(new LogEntry(LogEntryKind.Warning, _utcNow(), text));
        WarningWritten?.Invoke(text);
    }

    /// <summary>Says that a slow step (a large key, a wait for a CA) has started; the next call with the same activity ends it.</summary>
    public IDisposable Progress(string activity, string status)
    {
        ProgressWritten?.Invoke(activity, status);
        return new ProgressScope(() => ProgressWritten?.Invoke(activity, null));
    }

    /// <summary>Logs an error that did not end the command (one item of several failed).</summary>
    public void Error(string text) => _entries.Add(new LogEntry(LogEntryKind.Error, _utcNow(), text));

    /// <summary>Marks the command as finished, successfully or with the failure that ended it.</summary>
    public void Complete(string? failure = null)
    {
        if (Completed == null)
        {
            Failure = failure;
            Completed = _utcNow();
        }
    }

    /// <summary>Ends a progress step when disposed.</summary>
    private sealed class ProgressScope : IDisposable
    {
        private Action? _end;

        public ProgressScope(Action end) => _end = end;

        public void Dispose()
        {
            _end?.Invoke();
            _end = null;
        }
    }
}
