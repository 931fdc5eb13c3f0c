// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.Store;

/// <summary>
/// A record the store could not read. The file was moved aside (never deleted) so the others stay usable.
/// </summary>
internal sealed class StoreProblem
{
    public StoreProblem(string errorId, string path, string? movedTo, string message, Exception? exception)
    {
        ErrorId = errorId;
        Path = path;
        MovedTo = movedTo;
        Message = message;
        Exception = exception;
    }

    public string ErrorId { get; }

    /// <summary>Gets the record file as it was found.</summary>
    public string Path { get; }

    /// <summary>Gets where the file was moved, or null when it was left in place (a newer schema).</summary>
    public string? MovedTo { get; }

    public string Message { get; }

    public Exception? Exception { get; }
}
