// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace CsCertificate.CaClient.Adcs;

/// <summary>
/// An impersonation started by <see cref="WindowsCredentialScope"/>; disposing it reverts the thread and closes the token.
/// </summary>
internal sealed class ImpersonationContext : IDisposable
{
    private IntPtr _token;

    public ImpersonationContext(IntPtr token)
    {
        _token = token;
    }

    public void Dispose()
    {
        IntPtr token = _token;
        if (token == IntPtr.Zero)
        {
            return;
        }

        _token = IntPtr.Zero;
        bool reverted = CredentialNativeMethods.RevertToSelf();
        int error = Marshal.GetLastWin32Error();
        CredentialNativeMethods.CloseHandle(token);

        // A thread left impersonating would run everything after this under the CA account: never ignore it.
        if (!reverted)
        {
            throw new Win32Exception(error);
        }
    }
}
