// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using CsCertificate.Resources;

namespace CsCertificate.Common;

/// <summary>
/// Which parameter names a file the module writes, and so which error ids and messages its refusals carry.
/// </summary>
internal sealed class OutputFileRole
{
    private readonly Func<string, string> _exists;
    private readonly Func<string, string, string> _folderMissing;
    private readonly Func<string, string, string> _notWritable;

    private OutputFileRole(
        string parameter,
        string existsId,
        string folderMissingId,
        string notWritableId,
        string notRegularId,
        Func<string, string> exists,
        Func<string, string, string> folderMissing,
        Func<string, string, string> notWritable,
        bool secret = false)
    {
        Parameter = parameter;
        ExistsId = existsId;
        FolderMissingId = folderMissingId;
        NotWritableId = notWritableId;
        NotRegularId = notRegularId;
        _exists = exists;
        _folderMissing = folderMissing;
        _notWritable = notWritable;
        Secret = secret;
    }

    /// <summary>Gets the role of Request-CsCertificate -Output, the offline request file.</summary>
    public static OutputFileRole Output { get; } = new OutputFileRole(
        "-Output",
        ErrorIds.OutputExists,
        ErrorIds.OutputDirectoryNotFound,
        ErrorIds.OutputNotWritable,
        ErrorIds.OutputNotRegularFile,
        path => Messages.Format(Strings.OutputExists, path),
        (path, folder) => Messages.Format(Strings.OutputDirectoryNotFound, folder),
        (path, reason) => Messages.Format(Strings.OutputNotWritable, path, reason));

    /// <summary>Gets the role of -Report, the HTML log and its XML twin.</summary>
    public static OutputFileRole Report { get; } = new OutputFileRole(
        "-Report",
        ErrorIds.ReportExists,
        ErrorIds.ReportNotWritable,
        ErrorIds.ReportNotWritable,
        ErrorIds.ReportNotRegularFile,
        path => Messages.Format(Strings.ReportExists, path),
        (path, folder) => Messages.Format(Strings.ReportFolderNotFound, path),
        (path, reason) => Messages.Format(Strings.ReportNotWritable, path, reason));

    /// <summary>Gets the role of Export-CsCertificate -Path: the PFX file, or the PEM certificates.</summary>
    public static OutputFileRole ExportFile { get; } = new OutputFileRole(
        "-Path",
        ErrorIds.ExportFileExists,
        ErrorIds.ExportFolderNotFound,
        ErrorIds.ExportFileNotWritable,
        ErrorIds.ExportFileNotRegular,
        path => Messages.Format(Strings.ExportFileExists, path, "-Path"),
        (path, folder) => Messages.Format(Strings.ExportFolderNotFound, folder, "-Path"),
        (path, reason) => Messages.Format(Strings.ExportFileNotWritable, path, reason));

    /// <summary>Gets the role of Export-CsCertificate -KeyPath: the private key, readable by its owner only.</summary>
    public static OutputFileRole ExportKeyFile { get; } = new OutputFileRole(
        "-KeyPath",
        ErrorIds.ExportKeyFileExists,
        ErrorIds.ExportKeyFolderNotFound,
        ErrorIds.ExportKeyFileNotWritable,
        ErrorIds.ExportKeyFileNotRegular,
        path => Messages.Format(Strings.ExportFileExists, path, "-KeyPath"),
        (path, folder) => Messages.Format(Strings.ExportFolderNotFound, folder, "-KeyPath"),
        (path, reason) => Messages.Format(Strings.ExportFileNotWritable, path, reason),
        secret: true);

    /// <summary>Gets a value indicating whether the file holds a secret: owner-only before its first byte is written.</summary>
    public bool Secret { get; }

    /// <summary>Gets the parameter as messages name it ("-Output").</summary>
    public string Parameter { get; }

    public string ExistsId { get; }

    public string FolderMissingId { get; }

    public string NotWritableId { get; }

    public string NotRegularId { get; }

    public CsCertificateException Exists(string path) =>
        new CsCertificateException(ExistsId, ErrorKind.ResourceExists, _exists(path), path);

    public CsCertificateException FolderMissing(string path, string folder, Exception? inner = null) =>
        new CsCertificateException(FolderMissingId, ErrorKind.ObjectNotFound, _folderMissing(path, folder), path, inner);

    public CsCertificateException NotWritable(string path, string reason, Exception? inner = null) =>
        new CsCertificateException(NotWritableId, ErrorKind.WriteError, _notWritable(path, reason), path, inner);

    /// <summary>Refuses a path that is, or whose links lead to, something other than a regular file.</summary>
    public CsCertificateException NotRegular(string path, string target, FileNodeType type, Exception? inner = null)
    {
        string message = string.Equals(path, target, StringComparison.Ordinal)
            ? Messages.Format(Strings.FileTargetNotRegular, Parameter, path, FileSystemNodes.Describe(type))
            : Messages.Format(Strings.FileTargetLinkNotRegular, Parameter, path, target, FileSystemNodes.Describe(type));
        return new CsCertificateException(NotRegularId, ErrorKind.InvalidArgument, message, path, inner);
    }

    /// <summary>Refuses a path on a PowerShell drive that holds no files (Env:, Function:, Variable:).</summary>
    public CsCertificateException NotFileSystem(string path, string provider) =>
        new CsCertificateException(NotWritableId, ErrorKind.InvalidArgument, Messages.Format(Strings.FileTargetNotFileSystem, Parameter, path, provider), path);
}
