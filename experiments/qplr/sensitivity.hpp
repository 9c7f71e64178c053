#pragma once
// The sensitivity study of the choices the paper leaves unstated (docs/qplr.md §7.9): students M1 and M3
// trained with each input scaling (raw [0,1], mean-std, [−1,1]) for the largest of the profile's
// epoch counts, evaluated after each listed epoch count (a shorter run is exactly a prefix of the
// longer one: constant learning rate, per-epoch shuffles), with the noise σ added in pixel space
// or in the network's input space (σ·scale pixels), clipped and unclipped. One run per
// (dataset, method, scaling), on the first seed's teacher labels -> sensitivity.csv.
#include <cstdint>

#include "experiments/qplr/pipeline.hpp"

namespace qmlr::qplr {

void sensitivity_stages(StageContext& context, const DatasetData& data, std::uint64_t seed,
                        const TeacherLabels& teacher);

}  // namespace qmlr::qplr
