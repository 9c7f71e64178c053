#include "experiments/natural_quantization/settings.hpp"

namespace qmlr::natural_quantization {

const experiments::SettingsSchema& settings_schema() {
    using experiments::SettingType;
    static const experiments::SettingsSchema schema = [] {
        experiments::SettingsSchema s;
        s.add({.name = "a_grid",
               .type = SettingType::real_list,
               .help = "quantumness a of the Model 1 runs (g = pi/2); 0 is the classical baseline e_b the derived "
                       "quantities need",
               .defaults = {"0,0.5,5", "0,0.05,0.1,0.2,0.3,0.5,0.75,1,1.5,2,3,5", "0,0.05,0.1,0.2,0.3,0.5,0.75,1,1.5,2,3,5"},
               .min = 0});
        s.add({.name = "g_steps",
               .type = SettingType::integer_list,
               .help = "grid steps k of the Model 2 runs, g = k*pi/(2*projective_step) (k*pi/40 by default)",
               .defaults = {"0,10,20", "0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20",
                            "0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20"},
               .min = 0,
               .allow_empty = true});
        s.add({.name = "projective_step",
               .type = SettingType::integer,
               .help = "the grid step of the projective measurement g = pi/2: the g grid is k*pi/(2*projective_step); "
                       "k < projective_step counts as the quantum regime of Model 2",
               .defaults = "20",
               .min = 1,
               .max = 1000});
        s.add({.name = "g_sweep_a",
               .type = SettingType::real,
               .help = "quantumness a of the Model 2 g-scan (0: the literal reading of 'g = pi/2 replicates the classical "
                       "regime')",
               .defaults = "0",
               .min = 0});
        s.add({.name = "depth",
               .type = SettingType::integer,
               .help = "Linear layers of the network (4: the authors' pre-submission script; 3: the other option)",
               .defaults = "4",
               .min = 2,
               .max = 64});
        s.add({.name = "width",
               .type = SettingType::integer,
               .help = "neurons per hidden layer",
               .defaults = "512",
               .min = 1,
               .max = 65536});
        s.add({.name = "squash",
               .type = SettingType::text,
               .help = "f_a(h) for a > 0: tanh(h/a) (the authors' paper code) or hard_tanh clip(h/a,-1,1) (their hardware code)",
               .defaults = "tanh",
               .choices = {"tanh", "hard_tanh"}});
        s.add({.name = "kraus_update",
               .type = SettingType::text,
               .help = "post-measurement angle: the authors' arcsin form or the exact Kraus update (docs/natural_quantization.md §4.5)",
               .defaults = "arcsin",
               .choices = {"arcsin", "exact"}});
        s.add({.name = "train_images",
               .type = SettingType::integer,
               .help = "training images: the first ones of the MNIST training file, in file order (count)",
               .defaults = {"1000", "5000", "5000"},
               .min = 1,
               .max = 60000});
        s.add({.name = "validation_images",
               .type = SettingType::integer,
               .help = "validation images: the first ones of the MNIST test file (count)",
               .defaults = {"1000", "10000", "10000"},
               .min = 1,
               .max = 10000});
        s.add({.name = "epochs",
               .type = SettingType::integer,
               .help = "training epochs; the reported error is the last epoch's",
               .defaults = {"2", "30", "100"},
               .min = 1,
               .max = 100000});
        s.add({.name = "evaluate_every",
               .type = SettingType::integer,
               .help = "validate every this many epochs (and always after the last)",
               .defaults = {"1", "30", "10"},
               .min = 1,
               .max = 100000});
        s.add({.name = "batch_size",
               .type = SettingType::integer,
               .help = "training batch size (count)",
               .defaults = "64",
               .min = 1,
               .max = 60000});
        s.add({.name = "learning_rate",
               .type = SettingType::real,
               .help = "SGD learning rate (constant)",
               .defaults = "0.01",
               .min = 0});
        s.add({.name = "momentum",
               .type = SettingType::real,
               .help = "SGD momentum (PyTorch form: v <- momentum*v + grad)",
               .defaults = "0.9",
               .min = 0,
               .max = 1});
        s.add({.name = "shots",
               .type = SettingType::integer,
               .help = "stochastic passes per validation image of the quantum networks, put to a majority vote",
               .defaults = "15",
               .min = 1,
               .max = 15});
        s.add({.name = "classical_shots",
               .type = SettingType::integer,
               .help = "passes per validation image of the deterministic sign network (1 suffices)",
               .defaults = "1",
               .min = 1,
               .max = 15});
        s.add({.name = "seeds",
               .type = SettingType::integer_list,
               .help = "seeds; every configuration is trained once per seed",
               .defaults = {"0", "0,1,2", "0,1,2"},
               .min = 0});
        return s;
    }();
    return schema;
}

}  // namespace qmlr::natural_quantization
