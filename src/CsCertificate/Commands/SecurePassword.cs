// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;
using System.Security;

namespace CsCertificate.Commands;

/// <summary>
/// A SecureString's characters for the one call that encrypts with them; the caller clears the array afterwards.
/// No string is made of them, so that no copy waits for the garbage collector.
/// </summary>
internal static class SecurePassword
{
    public static char[] ToChars(SecureString password)
    {
        IntPtr buffer = Marshal.SecureStringToGlobalAllocUnicode(password);
        try
        {
            char[] chars = new char[password.Length];
            Marshal.Copy(buffer, chars, 0, chars.Length);
            return chars;
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(buffer);
        }
    }
}
