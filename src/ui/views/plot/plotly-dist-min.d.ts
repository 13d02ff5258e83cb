/** plotly.js-dist-min has no type declarations; loadPlotly.ts gives the calls we make a type. */
declare module 'plotly.js-dist-min';
