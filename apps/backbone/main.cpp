// The Backbone server executable; everything lives in src/backbone/app (backbone_main.h).
#include "app/backbone_main.h"

int main(int argc, char** argv) { return nmshd::backbone::RunBackboneMain(argc, argv); }
