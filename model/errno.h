// The kernel error codes the model returns (negated, as the kernel does).
#pragma once

namespace resvcheck::model {

inline constexpr int kEINTR = -4;
inline constexpr int kEIO = -5;
inline constexpr int kENOMEM = -12;
inline constexpr int kEINVAL = -22;
inline constexpr int kEDEADLK = -35;
inline constexpr int kEALREADY = -114;

}  // namespace resvcheck::model

namespace resvcheck::model {

/// VM_FAULT_SIGBUS, what a fault handler returns for an access it cannot serve.
inline constexpr int kVmFaultSigbus = 0x0002;

}  // namespace resvcheck::model
