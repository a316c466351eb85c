"""The shared server core: HTTP plumbing, control plane, fault injection."""

from zotsync.emulators.core.faults import Fault, FaultPlan
from zotsync.emulators.core.http import Request, Response
from zotsync.emulators.core.server import EmulatorServer

__all__ = ["EmulatorServer", "Fault", "FaultPlan", "Request", "Response"]
