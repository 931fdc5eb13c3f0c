// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace CsCertificate.CaClient.Adcs;

/// <summary>
/// Runs one AD CS operation on a thread of its own, a single-threaded apartment on Windows, from the logon to
/// the revert. certcli's CCertRequest is apartment-threaded: created from PowerShell 7's MTA pipeline thread, COM
/// would put it on another thread, which carries no impersonation token, and DCOM would then present the
/// process's identity instead of -CaAccount. On a dedicated STA thread the object lives, and every call runs, on
/// the thread that impersonates; and since the thread ends with the operation, an impersonation can never outlive
/// it on the caller's thread.
/// </summary>
internal static class ComThread
{
    /// <summary>Gets the apartment the operations run in: STA on Windows; other systems have no COM apartments.</summary>
    public static ApartmentState Apartment => RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? ApartmentState.STA : ApartmentState.Unknown;

    /// <summary>
    /// Runs <paramref name="operation"/> on a new thread and waits for it; what it throws is thrown here, with its
    /// own stack. The wait is not cut short by a stop: a DCOM call cannot be interrupted, and its result (the CA's
    /// request id) must not be lost, so the operation itself checks the stop between its calls.
    /// </summary>
    public static T Run<T>(Func<T> operation)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = operation();
            }
            catch (Exception ex)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }
        })
        {
            IsBackground = true,
            Name = "CsCertificate AD CS",
        };

        if (Apartment == ApartmentState.STA)
        {
            thread.SetApartmentState(ApartmentState.STA);
        }

        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
