// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.IO;

namespace CsCertificate.Common;

/// <summary>What <see cref="WindowsAcl.Read"/> found: a file's or folder's attributes, owner and access list.</summary>
internal sealed class WindowsEntry
{
    public WindowsEntry(FileAttributes attributes, string ownerSid, string accessList)
    {
        Attributes = attributes;
        OwnerSid = ownerSid;
        AccessList = accessList;
    }

    public FileAttributes Attributes { get; }

    /// <summary>Gets the owner as a SID string ("S-1-5-32-544").</summary>
    public string OwnerSid { get; }

    /// <summary>Gets the access list as SDDL ("D:P(A;OICI;FA;;;BA)…").</summary>
    public string AccessList { get; }
}
