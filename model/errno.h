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
