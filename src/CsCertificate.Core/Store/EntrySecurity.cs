// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Store;

/// <summary>
/// What <see cref="IFolderSecurity"/> found out about one entry of the data folder: its kind, its owner, and whether
/// users other than its owner may reach it.
/// </summary>
internal sealed class EntrySecurity
{
    public static readonly EntrySecurity Missing = new EntrySecurity(EntryKind.Missing, EntryOwner.Trusted, string.Empty, false, string.Empty);

    public EntrySecurity(EntryKind kind, EntryOwner owner, string ownerName, bool isOpen, string access)
    {
        Kind = kind;
        Owner = owner;
        OwnerName = ownerName;
        IsOpen = isOpen;
        Access = access;
    }

    public EntryKind Kind { get; }

    public EntryOwner Owner { get; }

    /// <summary>Gets the owner as the user can look it up: "user id 1001", or a Windows SID.</summary>
    public string OwnerName { get; }

    /// <summary>
    /// Gets a value indicating whether others than the owner have access: any group or other bit of the Unix mode;
    /// on Windows an access list that admits anyone but Administrators and SYSTEM (or, for the data folder itself,
    /// that inherits from its parent).
    /// </summary>
    public bool IsOpen { get; }

    /// <summary>Gets the access as the platform writes it, for messages: "0755", or the SDDL of owner and access list.</summary>
    public string Access { get; }
}
