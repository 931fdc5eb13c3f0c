// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace CsCertificate.Store;

/// <summary>
/// The store's rules for Windows security descriptors, on their SDDL text so that they are tested on every
/// platform: who may own an entry of the data folder, and which access lists are closed to everyone but
/// Administrators and SYSTEM.
/// </summary>
internal static class WindowsAccessRules
{
    public const string AdministratorsSid = "S-1-5-32-544";
    public const string SystemSid = "S-1-5-18";

    /// <summary>Classifies an owner given as a SID string ("S-1-…").</summary>
    public static EntryOwner ClassifyOwner(string ownerSid, string? currentUserSid)
    {
        if (IsAdministratorsOrSystem(ownerSid))
        {
            return EntryOwner.Trusted;
        }

        return currentUserSid != null && string.Equals(ownerSid, currentUserSid, StringComparison.OrdinalIgnoreCase)
            ? EntryOwner.CurrentUser
            : EntryOwner.Other;
    }

    /// <summary>
    /// Tells whether an access list ("D:…" SDDL) lets in anyone but Administrators and SYSTEM: a null access list,
    /// any allow entry for another SID (inherited or not, inherit-only or not), or, for the data folder itself,
    /// an access list that is not protected from its parent's (%ProgramData% lets every user read and create).
    /// </summary>
    public static bool IsOpen(string dacl, bool mustBeProtected)
    {
        if (!dacl.StartsWith("D:", StringComparison.Ordinal))
        {
            return true; // no access list at all: everyone has access
        }

        int firstAce = dacl.IndexOf('(');
        string flags = firstAce < 0 ? dacl.Substring(2) : dacl.Substring(2, firstAce - 2);
        if (flags.IndexOf("NO_ACCESS_CONTROL", StringComparison.Ordinal) >= 0)
        {
            return true;
        }

        if (mustBeProtected && flags.IndexOf('P') < 0)
        {
            return true;
        }

        foreach (string[] ace in Aces(dacl))
        {
            // ACE strings: type;flags;rights;object guid;inherited object guid;account sid[;resource attribute]
            if (ace.Length < 6)
            {
                return true; // not understood: counted as open, so that the access list is set again
            }

            string type = ace[0];
            bool allows = type == "A" || type == "OA" || type == "XA" || type == "ZA";
            if (allows && !IsAdministratorsOrSystem(ace[5]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAdministratorsOrSystem(string sid) =>
        string.Equals(sid, "BA", StringComparison.Ordinal)
        || string.Equals(sid, "SY", StringComparison.Ordinal)
        || string.Equals(sid, AdministratorsSid, StringComparison.OrdinalIgnoreCase)
        || string.Equals(sid, SystemSid, StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string[]> Aces(string dacl)
    {
        int start = dacl.IndexOf('(');
        while (start >= 0)
        {
            int end = dacl.IndexOf(')', start);
            if (end < 0)
            {
                yield return Array.Empty<string>();
                yield break;
            }

            yield return dacl.Substring(start + 1, end - start - 1).Split(';');
            start = dacl.IndexOf('(', end);
        }
    }
}
