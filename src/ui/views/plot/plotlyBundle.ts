/**
 * The plotly.js the panes use: its core (which holds `scatter`) and the three other trace types
 * the views draw. The full prebuilt bundle is 4.8 MB, and compiling and running it held the main
 * thread for about 4 s here (over 20 s on a busy two-core machine, where a click on a table
 * beside a raster waited for it). This one is a third of the size and runs in a fifth of the time.
 * A view that needs another trace type registers it here.
 */
import './plotlyGlobal';
import Plotly from 'plotly.js/lib/core';
import heatmap from 'plotly.js/lib/heatmap';
import image from 'plotly.js/lib/image';
import scattergl from 'plotly.js/lib/scattergl';

Plotly.register([scattergl, heatmap, image]);

export default Plotly;
